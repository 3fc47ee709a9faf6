package dev.observatory.core.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans, applies and undoes dataset improvements. Nothing is ever deleted: files are moved into
 * {@code .quarantine/<run id>/} (same relative path) and every change is written to that folder's
 * {@code manifest.json}, from which {@link #undo} moves everything back.
 */
final class DatasetImprover {
    static final String QUARANTINE = ".quarantine";

    private DatasetImprover() {
    }

    static List<DatasetChange> plan(List<String> files, ImageReport r, ImproveOptions o, String runId,
            String datasetFolder) {
        Set<String> present = new LinkedHashSet<>(files);
        Set<String> quarantined = new LinkedHashSet<>();
        List<DatasetChange> out = new ArrayList<>();
        if (o.quarantineCorrupt()) {
            r.corrupt().forEach(p -> quarantine(out, quarantined, present, p.path(), "corrupt: " + p.problem(), runId));
        }
        if (o.dedupe()) {
            for (List<String> group : r.duplicateGroups()) {
                group.stream().skip(1).filter(p -> !quarantined.contains(p))
                        .forEach(p -> quarantine(out, quarantined, present, p, "duplicate_of:" + group.get(0), runId));
            }
        }
        if (o.fillMissingCaptions()) {
            r.missingCaptions().stream().filter(p -> !quarantined.contains(p))
                    .forEach(p -> out.add(new DatasetChange(DatasetChange.WRITE_CAPTION, DatasetFiles.stem(p) + ".txt",
                            null, caption(p, o, datasetFolder), "missing_caption")));
        }
        if (o.fillEmptyCaptions()) {
            for (String p : r.emptyCaptions()) {
                if (quarantined.contains(p)) {
                    continue;
                }
                String captionFile = sidecars(p, present).get(0);
                out.add(new DatasetChange(DatasetChange.QUARANTINE, captionFile, target(runId, captionFile), null,
                        "empty_caption"));
                out.add(new DatasetChange(DatasetChange.WRITE_CAPTION, captionFile, null, caption(p, o, datasetFolder),
                        "empty_caption"));
            }
        }
        return out;
    }

    /** The row removals of JSONL, CSV and TSV files: one change per file that loses rows (blank, invalid, repeated). */
    static List<DatasetChange> planRows(Path dir, List<String> files, ImproveOptions o, String runId) {
        List<DatasetChange> out = new ArrayList<>();
        boolean invalid = o.quarantineCorrupt();
        if (!invalid && !o.dedupe()) {
            return out;
        }
        String reason = "rows:" + (invalid && o.dedupe() ? "invalid+dedupe" : invalid ? "invalid" : "dedupe");
        for (String f : files) {
            if (TextRows.isRewritable(f)) {
                TextRows.Removal r = TextRows.plan(dir.resolve(f), invalid, o.dedupe());
                if (r.dropped() > 0) {
                    out.add(new DatasetChange(DatasetChange.REMOVE_ROWS, f, target(runId, f), r.describe(), reason));
                }
            }
        }
        return out;
    }

    private static void quarantine(List<DatasetChange> out, Set<String> quarantined, Set<String> present, String image,
            String reason, String runId) {
        quarantined.add(image);
        out.add(new DatasetChange(DatasetChange.QUARANTINE, image, target(runId, image), null, reason));
        for (String c : sidecars(image, present)) {
            out.add(new DatasetChange(DatasetChange.QUARANTINE, c, target(runId, c), null, "caption_of_quarantined"));
        }
    }

    private static List<String> sidecars(String image, Set<String> present) {
        String stem = DatasetFiles.stem(image);
        return DatasetFiles.CAPTION_EXTENSIONS.stream().sorted().map(e -> stem + "." + e).filter(present::contains)
                .toList().reversed();
    }

    static String target(String runId, String path) {
        return QUARANTINE + "/" + runId + "/" + path;
    }

    /** The template filled for an image; {@code {folder}} of a top-level image is the dataset folder's name. */
    static String caption(String image, ImproveOptions o, String datasetFolder) {
        String stem = DatasetFiles.stem(image);
        String name = stem.substring(stem.lastIndexOf('/') + 1).replace('_', ' ').replace('-', ' ').strip();
        int slash = stem.lastIndexOf('/');
        String folder = slash < 0 ? datasetFolder : stem.substring(stem.lastIndexOf('/', slash - 1) + 1, slash);
        return o.captionTemplate().replace("{name}", name).replace("{folder}", folder);
    }

    /** Makes the changes in order, then writes the manifest (also when a change fails: what was done is listed). */
    static String apply(Path dir, List<DatasetChange> changes, String runId, Instant now) {
        List<DatasetChange> done = new ArrayList<>();
        try {
            for (DatasetChange c : changes) {
                Path from = dir.resolve(c.path());
                if (c.action().equals(DatasetChange.QUARANTINE)) {
                    Path to = dir.resolve(c.to());
                    Files.createDirectories(to.getParent());
                    Files.move(from, to);
                } else if (c.action().equals(DatasetChange.REMOVE_ROWS)) {
                    Path to = dir.resolve(c.to());
                    Files.createDirectories(to.getParent());
                    Files.move(from, to);
                    TextRows.rewrite(to, from, c.reason().contains("invalid"), c.reason().contains("dedupe"));
                } else {
                    Files.writeString(from, c.text() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                }
                done.add(c);
            }
        } catch (IOException e) {
            writeManifest(dir, runId, now, done, false);
            throw new UncheckedIOException("stopped after " + done.size() + " of " + changes.size()
                    + " changes (the manifest lists them; undo reverses them): " + e.getMessage(), e);
        }
        return writeManifest(dir, runId, now, done, false);
    }

    static String writeManifest(Path dir, String runId, Instant at, List<DatasetChange> changes, boolean undone) {
        ObjectNode m = ConfigDocuments.JSON.createObjectNode();
        m.put("run_id", runId).put("created", at.toString()).put("undone", undone);
        ArrayNode list = m.putArray("changes");
        changes.forEach(c -> list.add(ConfigDocuments.JSON.valueToTree(c)));
        String rel = QUARANTINE + "/" + runId + "/manifest.json";
        try {
            Files.createDirectories(dir.resolve(rel).getParent());
            Files.writeString(dir.resolve(rel),
                    ConfigDocuments.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rel + ": " + e.getMessage(), e);
        }
        return rel;
    }

    /**
     * Reverses an applied run, last change first: quarantined files move back, written captions move into
     * {@code .quarantine/<run id>/undo/}. Refused when the run is unknown or already undone.
     */
    static List<DatasetChange> undo(Path dir, String runId, Instant now) {
        if (runId == null || !runId.matches("[0-9TZ-]{1,40}")) {
            throw new IllegalArgumentException("run_id must be the run_id an applied auto_improve_dataset returned");
        }
        Path manifest = dir.resolve(QUARANTINE + "/" + runId + "/manifest.json");
        if (!Files.exists(manifest)) {
            throw new IllegalArgumentException("no improvement run " + runId + " in this dataset (no " + QUARANTINE
                    + "/" + runId + "/manifest.json)");
        }
        JsonNode m;
        try {
            m = ConfigDocuments.JSON.readTree(Files.readString(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
        if (m.path("undone").asBoolean(false)) {
            throw new IllegalArgumentException("improvement run " + runId + " was already undone");
        }
        List<DatasetChange> changes = new ArrayList<>();
        m.path("changes").forEach(c -> changes.add(ConfigDocuments.JSON.treeToValue(c, DatasetChange.class)));
        List<DatasetChange> reversed = new ArrayList<>();
        try {
            for (DatasetChange c : changes.reversed()) {
                if (c.action().equals(DatasetChange.QUARANTINE)) {
                    Files.move(dir.resolve(c.to()), dir.resolve(c.path()));
                } else if (c.action().equals(DatasetChange.REMOVE_ROWS)) {
                    Path rewritten = dir.resolve(QUARANTINE + "/" + runId + "/undo/" + c.path());
                    Files.createDirectories(rewritten.getParent());
                    Files.move(dir.resolve(c.path()), rewritten);
                    Files.move(dir.resolve(c.to()), dir.resolve(c.path()));
                } else {
                    Path to = dir.resolve(QUARANTINE + "/" + runId + "/undo/" + c.path());
                    Files.createDirectories(to.getParent());
                    Files.move(dir.resolve(c.path()), to);
                }
                reversed.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "undo stopped after " + reversed.size() + " of " + changes.size() + " changes: " + e.getMessage(),
                    e);
        }
        writeManifest(dir, runId, Instant.parse(m.path("created").asString(now.toString())), changes, true);
        return reversed;
    }

    static Map<String, Long> counts(List<DatasetChange> changes) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (DatasetChange c : changes) {
            String reason = c.reason().startsWith("duplicate_of:") ? "duplicate"
                    : c.reason().startsWith("corrupt") ? "corrupt"
                            : c.reason().startsWith("rows:") ? "rows" : c.reason();
            out.merge(c.action() + ":" + reason, 1L, Long::sum);
        }
        return out;
    }
}
