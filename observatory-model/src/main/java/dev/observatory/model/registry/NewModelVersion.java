package dev.observatory.model.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client sends to create a version; the store assigns the id and the next version number of the model. Null
 * fields take defaults: status READY, stage None, no tags, no metrics.
 */
public record NewModelVersion(String model, String source, String runId, String description, Map<String, String> tags,
        String createdBy, VersionStatus status, String statusMessage, Map<String, Double> metrics) {

    public NewModelVersion {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public static NewModelVersion of(String model, String source, String runId) {
        return new NewModelVersion(model, source, runId, null, null, null, null, null, null);
    }
}
