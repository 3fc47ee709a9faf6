package dev.observatory.core.artifact;

import dev.observatory.model.artifact.ArtifactKind;
import java.io.InputStream;
import java.util.Map;

/**
 * One artifact upload: the content is streamed to the blob store, never held in memory.
 *
 * @param path
 *            relative path within the run (e.g. {@code checkpoints/step_000100.pt})
 * @param declaredSize
 *            the length when known, -1 when not
 * @param sha256
 *            the lower-case hex SHA-256 the content must have; null: not checked (it is computed and recorded)
 * @param kind
 *            null: inferred from the path (weight files and step folders are checkpoints)
 * @param step
 *            null: taken from the path when it names one ({@code step_000100}, {@code checkpoint-500})
 * @param epoch
 *            null: taken from the path when it names one ({@code epoch=3})
 */
public record Upload(String runId, String path, InputStream content, long declaredSize, String sha256,
        String contentType, ArtifactKind kind, Long step, Long epoch, Map<String, Object> metadata) {

    /** An upload of unknown length whose kind, step and epoch come from the path. */
    public static Upload of(String runId, String path, InputStream content) {
        return new Upload(runId, path, content, -1, null, null, null, null, null, null);
    }
}
