package dev.observatory.model.artifact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the service records once an artifact's bytes are stored; the store assigns the id and creation time. Recording a
 * path that the run already has replaces that record and keeps its id.
 */
public record NewArtifact(String runId, String project, String path, long size, String sha256, String contentType,
        ArtifactKind kind, Long step, Long epoch, Map<String, Object> metadata, String blobKey) {

    public NewArtifact {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        kind = kind == null ? ArtifactKind.OTHER : kind;
        contentType = contentType == null ? "application/octet-stream" : contentType;
    }
}
