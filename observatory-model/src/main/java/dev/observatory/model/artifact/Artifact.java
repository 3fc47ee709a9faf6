package dev.observatory.model.artifact;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file recorded for a run: a checkpoint, replay, model, data set, report or anything else. The bytes live in the blob
 * store under {@code blobKey}; this record is the index over them.
 *
 * @param id
 *            opaque id, unique across runs (16 lower-case hex characters); {@code observatory://artifacts/{id}}
 * @param path
 *            '/'-separated path within the run, unique per run (e.g. {@code checkpoints/step_000100.pt})
 * @param size
 *            bytes
 * @param sha256
 *            lower-case hex SHA-256 of the content; null when unknown (registered from existing objects)
 * @param contentType
 *            MIME type, "application/octet-stream" when unknown
 * @param step
 *            training step the artifact belongs to (checkpoints); null when none
 * @param epoch
 *            epoch the artifact belongs to; null when none
 * @param metadata
 *            free JSON object: header facts (tensor count, dtypes, parameters), user data; key order kept
 * @param created
 *            when it was recorded, millisecond precision
 * @param blobKey
 *            key of the bytes in the blob store
 */
public record Artifact(String id, String runId, String project, String path, long size, String sha256,
        String contentType, ArtifactKind kind, Long step, Long epoch, Map<String, Object> metadata, Instant created,
        String blobKey) {

    public Artifact {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
