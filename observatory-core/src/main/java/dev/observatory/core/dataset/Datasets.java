package dev.observatory.core.dataset;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.dataset.Dataset;
import dev.observatory.model.dataset.NewDataset;
import dev.observatory.store.DatasetStore;
import dev.observatory.store.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * Datasets: registration of folders (or extracted archives) under the configured dataset roots, diagnosis of image and
 * JSONL/CSV datasets, and reversible improvements. A facade over a {@link Tracking}; the roots come from
 * {@link #configure} (the server's dataset_roots / model_roots), else from the defaults under the working directory.
 * <p>
 * Errors: IllegalArgumentException for bad input (a path outside the roots, a missing folder), NotFoundException for an
 * unknown dataset, ConflictException for a taken name, ReadOnlyException for changes in read-only mode.
 */
public final class Datasets {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<Tracking, DatasetSettings> CONFIGURED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Tracking tracking;
    private final DatasetStore store;
    private final DatasetSettings settings;

    /** With the settings {@link #configure configured} for this tracking, else defaults under ./observatory-data. */
    public Datasets(Tracking tracking) {
        this(tracking, CONFIGURED.getOrDefault(tracking, DatasetSettings.under(Path.of("observatory-data"))));
    }

    public Datasets(Tracking tracking, DatasetSettings settings) {
        this.tracking = tracking;
        this.store = tracking.store().datasets();
        this.settings = settings;
    }

    /** Sets the roots every {@code new Datasets(tracking)} (and {@link LocalModels}) of this tracking uses. */
    public static void configure(Tracking tracking, DatasetSettings settings) {
        CONFIGURED.put(tracking, settings);
    }

    /** The settings configured for this tracking (defaults when none). */
    public static DatasetSettings settingsOf(Tracking tracking) {
        return CONFIGURED.getOrDefault(tracking, DatasetSettings.under(Path.of("observatory-data")));
    }

    public DatasetSettings settings() {
        return settings;
    }

    /** Registers a folder inside the dataset roots under a unique name, with its kind and file counts. */
    public Dataset register(Actor actor, String name, String path, String description) {
        checkWritable();
        String n = name(name);
        Path dir = Roots.existing(path, settings.datasetRoots(), "dataset_roots");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("'" + path + "' is not a folder; register the folder that holds it");
        }
        return save(actor, n, dir, "directory", description);
    }

    /**
     * Extracts a .zip, .tar, .tar.gz or .tgz archive that lies inside the dataset roots into a new folder
     * {@code <first dataset root>/<name>} and registers it. Entries that would land outside that folder are refused.
     */
    public Dataset registerArchive(Actor actor, String name, String archivePath, String description) {
        checkWritable();
        String n = name(name);
        Path archive = Roots.existing(archivePath, settings.datasetRoots(), "dataset_roots");
        Path target = Roots.creatable(n, settings.datasetRoots(), "dataset_roots");
        if (Files.exists(target)) {
            throw new IllegalArgumentException("the folder " + target + " already exists; choose another name");
        }
        ArchiveExtractor.extract(archive, target);
        return save(actor, n, target, "archive", description);
    }

    private Dataset save(Actor actor, String name, Path dir, String source, String description) {
        List<String> files = DatasetFiles.list(dir);
        long images = files.stream().filter(DatasetFiles::isImage).count();
        long texts = files.stream().filter(DatasetFiles::isText).count();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("files", files.size());
        meta.put("images", images);
        meta.put("text_files", texts);
        meta.put("bytes", bytes(dir, files));
        Dataset d = store
                .register(new NewDataset(name, dir.toString(), kind(images, texts), source, description, meta));
        tracking.auditor().record(actor, "dataset.register", "dataset/" + name, dir.toString());
        return d;
    }

    public Dataset get(String name) {
        return store.get(name).orElseThrow(() -> new NotFoundException(
                "no dataset named '" + name + "': list_datasets shows the registered ones"));
    }

    public List<Dataset> list(int limit, long offset) {
        return store.list(limit, offset);
    }

    public long count() {
        return store.count();
    }

    /** The folder of a registered dataset (by name) or a folder path inside the dataset roots. */
    public Path folder(String nameOrPath) {
        String p = nameOrPath;
        if (nameOrPath != null && NAME.matcher(nameOrPath).matches()) {
            p = store.get(nameOrPath).map(Dataset::path).orElse(nameOrPath);
        }
        Path dir = Roots.existing(p, settings.datasetRoots(), "dataset_roots");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("'" + nameOrPath + "' is not a folder");
        }
        return dir;
    }

    /**
     * Diagnoses a dataset (registered name or folder inside the roots): images (corrupt or truncated files, missing and
     * empty captions, duplicates by content, resolution and aspect-ratio histograms, caption lengths) and JSONL/CSV/TSV
     * files (schema, empty and duplicate rows, lengths, label balance).
     *
     * @param textField
     *            field whose lengths to report (null: the string field with the longest mean length)
     * @param labelField
     *            field whose balance to report (null: one named label, class, category, target, ...)
     */
    public DatasetDiagnosis diagnose(String nameOrPath, String textField, String labelField,
            DiagnosisProgress progress) {
        long start = System.nanoTime();
        Path dir = folder(nameOrPath);
        List<String> files = DatasetFiles.list(dir);
        long images = files.stream().filter(DatasetFiles::isImage).count();
        long texts = files.stream().filter(DatasetFiles::isText).count();
        DiagnosisProgress p = progress == null ? DiagnosisProgress.NONE : progress;
        ImageReport img = images == 0 ? null : ImageScan.scan(dir, files, p);
        TextReport txt = texts == 0 ? null : TextScan.scan(dir, files, textField, labelField, p);
        return new DatasetDiagnosis(dir.toString(), kind(images, texts), files.size(), img, txt, findings(img, txt),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Plans (dry run, {@code apply} false: nothing touched) or applies the improvements of a dataset: quarantine
     * corrupt images and duplicates (with their captions) into {@code .quarantine/<run id>/}, write missing captions
     * and replace empty ones from a template; rewrite JSONL, CSV and TSV files without their blank, invalid and
     * repeated rows (the original file goes to the quarantine). Nothing is deleted; an applied run writes a manifest
     * and {@link #undo} reverses it. Applying needs write access (ReadOnlyException in read-only mode).
     */
    public ImprovementPlan improve(Actor actor, String nameOrPath, ImproveOptions options, boolean apply,
            DiagnosisProgress progress) {
        if (apply) {
            checkWritable();
        }
        Path dir = folder(nameOrPath);
        List<String> files = DatasetFiles.list(dir);
        ImageReport report = ImageScan.scan(dir, files, progress == null ? DiagnosisProgress.NONE : progress);
        String runId = apply ? runId(dir) : "planned";
        List<DatasetChange> changes = new java.util.ArrayList<>(
                DatasetImprover.plan(files, report, options, runId, dir.getFileName().toString()));
        changes.addAll(DatasetImprover.planRows(dir, files, options, runId));
        if (!apply || changes.isEmpty()) {
            return new ImprovementPlan(dir.toString(), false, changes, DatasetImprover.counts(changes), null, null);
        }
        String manifest = DatasetImprover.apply(dir, changes, runId, tracking.clock().instant());
        tracking.auditor().record(actor, "dataset.improve", "dataset/" + dir.getFileName(),
                changes.size() + " changes, run " + runId);
        return new ImprovementPlan(dir.toString(), true, changes, DatasetImprover.counts(changes), runId, manifest);
    }

    /**
     * Reverses an applied improvement run (its run id): every quarantined file moves back, written captions move out.
     */
    public List<DatasetChange> undo(Actor actor, String nameOrPath, String runId) {
        checkWritable();
        Path dir = folder(nameOrPath);
        List<DatasetChange> reversed = DatasetImprover.undo(dir, runId, tracking.clock().instant());
        tracking.auditor().record(actor, "dataset.improve_undo", "dataset/" + dir.getFileName(),
                reversed.size() + " changes of run " + runId);
        return reversed;
    }

    private String runId(Path dir) {
        String base = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(tracking.clock().instant());
        String id = base;
        for (int i = 2; Files.exists(dir.resolve(DatasetImprover.QUARANTINE).resolve(id)); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    static List<String> findings(ImageReport img, TextReport txt) {
        List<String> out = new ArrayList<>();
        if (img != null) {
            add(out, img.corrupt().size(), "corrupt or truncated image(s): quarantine them (auto_improve_dataset)");
            add(out, img.duplicateFiles(), "duplicate image(s) repeating another file's bytes");
            add(out, img.missingCaptions().size(), "image(s) without a caption file (.txt or .caption)");
            add(out, img.emptyCaptions().size(), "image(s) with an empty caption file");
        }
        if (txt != null) {
            add(out, txt.unparsable(), "row(s) that do not parse (bad JSON or wrong cell count)");
            add(out, txt.duplicateRows(), "duplicate row(s)");
            add(out, txt.emptyRows(), "empty row(s)");
            if (txt.imbalance() != null && txt.imbalance() >= 3) {
                out.add("labels of '" + txt.labelField() + "' are imbalanced: the most common is " + txt.imbalance()
                        + "x the least common");
            }
        }
        return out;
    }

    private static void add(List<String> out, long n, String what) {
        if (n > 0) {
            out.add(n + " " + what);
        }
    }

    static String kind(long images, long texts) {
        return images > 0 && texts > 0 ? "mixed" : images > 0 ? "image" : texts > 0 ? "text" : "empty";
    }

    private static long bytes(Path dir, List<String> files) {
        long total = 0;
        for (String f : files) {
            try {
                total += Files.size(dir.resolve(f));
            } catch (java.io.IOException e) {
                // a file removed while listing: not counted
            }
        }
        return total;
    }

    static String name(String name) {
        if (name == null || !NAME.matcher(name.trim()).matches()) {
            throw new IllegalArgumentException("dataset name must be 1-100 letters, digits, '.', '_' or '-' starting"
                    + " with a letter or digit, got '" + name + "'");
        }
        return name.trim();
    }

    void checkWritable() {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("dataset change");
        }
    }

    Tracking tracking() {
        return tracking;
    }
}
