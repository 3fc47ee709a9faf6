package dev.observatory.core.artifact;

import dev.observatory.analysis.checkpoints.CheckpointFormat;
import dev.observatory.analysis.checkpoints.CheckpointLayouts;
import dev.observatory.analysis.checkpoints.CheckpointMatch;
import dev.observatory.analysis.checkpoints.GgufHeader;
import dev.observatory.analysis.checkpoints.SafetensorsHeader;
import dev.observatory.core.Actor;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobListing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoint files in the blob store: discovery of existing checkpoints under a prefix (common layouts, see
 * {@link CheckpointLayouts}) and header facts read without loading weights (safetensors: tensor count, dtypes,
 * parameters; GGUF: architecture, quantisation, context length).
 */
public final class CheckpointFiles {
    /** Most objects one scan lists. */
    public static final int MAX_SCAN = 200_000;

    private final Artifacts artifacts;

    public CheckpointFiles(Artifacts artifacts) {
        this.artifacts = artifacts;
    }

    /** What one scan did. */
    public record Registration(String prefix, long scanned, List<Artifact> registered, long skipped, boolean complete) {
    }

    /**
     * Lists the blob store under {@code prefix} and records every weights file that follows a checkpoint layout as a
     * checkpoint of the run (path: the key relative to the prefix; the blob is not copied). Files already recorded at
     * the same path are updated. {@code registered} holds at most {@code maxListed} of them.
     */
    public Registration register(Actor actor, String runId, String prefix, int maxListed) {
        artifacts.checkWritable("checkpoints.register");
        Run run = artifacts.tracking().getRun(runId);
        String p = ArtifactPaths.checkPrefix(prefix);
        String base = p.isEmpty() || p.endsWith("/") ? p : p.substring(0, p.lastIndexOf('/') + 1);
        List<Artifact> registered = new ArrayList<>();
        long scanned = 0;
        long skipped = 0;
        long count = 0;
        String cursor = null;
        do {
            BlobListing page = artifacts.blobs().list(p, null, cursor, 10_000);
            for (BlobInfo b : page.blobs()) {
                if (scanned++ >= MAX_SCAN) {
                    return new Registration(p, scanned - 1, registered, skipped, false);
                }
                Optional<CheckpointMatch> m = CheckpointLayouts.recognise(b.key());
                if (m.isEmpty() || !m.get().weights()) {
                    skipped++;
                    continue;
                }
                String path = b.key().substring(base.length());
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("layout", m.get().layout());
                meta.put("format", m.get().format().name().toLowerCase(java.util.Locale.ROOT));
                meta.put("registered_from", b.key());
                Artifact a = artifacts.record(actor,
                        new NewArtifact(run.id(), run.project(), ArtifactPaths.check(path), b.size(), b.sha256(),
                                b.contentType(), ArtifactKind.CHECKPOINT, m.get().step(),
                                m.get().epoch() == null ? null : m.get().epoch().longValue(), meta, b.key()));
                count++;
                if (registered.size() < maxListed) {
                    registered.add(a);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        artifacts.tracking().auditor().record(actor, "checkpoints.register", "run/" + run.id(),
                count + " checkpoints under " + p);
        return new Registration(p, scanned, registered, skipped, true);
    }

    /**
     * Records a checkpoint that stays where a local process wrote it (a job's output directory) as a checkpoint of the
     * run, without copying it: the artifact's blob key is the {@code file:} URI of the file or folder, so it is listed
     * (list_checkpoints, best checkpoint, progression) but not downloadable through the blob store, and deleting the
     * record leaves the files alone. Recording the same {@code path} again replaces the record and keeps its id.
     *
     * @param path
     *            the checkpoint's path relative to the output directory ('/'-separated)
     * @param location
     *            the absolute file or folder on this machine
     * @param size
     *            bytes (a folder: the sum of its files)
     */
    public Artifact registerLocal(Actor actor, String runId, String path, java.nio.file.Path location, long size,
            Long step, Long epoch, Map<String, Object> metadata) {
        artifacts.checkWritable("checkpoints.register");
        Run run = artifacts.tracking().getRun(runId);
        if (!location.isAbsolute()) {
            throw new IllegalArgumentException("a local checkpoint's location must be absolute, got " + location);
        }
        Map<String, Object> meta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        meta.put("local_path", location.toString());
        return artifacts.record(actor, new NewArtifact(run.id(), run.project(), ArtifactPaths.check(path), size, null,
                null, ArtifactKind.CHECKPOINT, step, epoch, meta, location.toUri().toString()));
    }

    /** The layout and header facts of a checkpoint file; only the header bytes are read. */
    public Map<String, Object> header(Artifact a) {
        Map<String, Object> out = new LinkedHashMap<>();
        CheckpointFormat format = CheckpointFormat.ofName(a.path());
        out.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        CheckpointLayouts.recognise(a.path()).ifPresent(m -> out.put("layout", m.layout()));
        try {
            if (format == CheckpointFormat.SAFETENSORS) {
                try (InputStream in = artifacts.openRange(a, 0, 8 + SafetensorsHeader.MAX_HEADER_BYTES)) {
                    SafetensorsHeader h = SafetensorsHeader.parse(in);
                    out.put("tensor_count", h.tensorCount());
                    out.put("parameter_count", h.parameterCount());
                    out.put("tensors_by_dtype", new java.util.TreeMap<>(h.tensorsByDtype()));
                    out.put("parameters_by_dtype", new java.util.TreeMap<>(h.parametersByDtype()));
                    out.put("data_bytes", h.dataBytes());
                    out.put("header_metadata", new java.util.TreeMap<>(h.metadata()));
                }
            } else if (format == CheckpointFormat.GGUF) {
                try (InputStream in = artifacts.openRange(a, 0, GgufHeader.MAX_HEADER_BYTES)) {
                    GgufHeader h = GgufHeader.parse(in);
                    out.put("gguf_version", h.version());
                    out.put("tensor_count", h.tensorCount());
                    out.put("architecture", h.architecture());
                    out.put("name", h.name());
                    out.put("file_type", h.fileTypeName());
                    out.put("context_length", h.contextLength());
                }
            }
        } catch (IllegalArgumentException e) {
            out.put("header_error", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of artifact " + a.id() + ": " + e.getMessage(), e);
        }
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }
}
