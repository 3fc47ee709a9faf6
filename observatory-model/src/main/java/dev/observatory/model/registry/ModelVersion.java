package dev.observatory.model.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a registered model.
 *
 * @param id
 *            opaque id, unique across models (16 lower-case hex characters); {@code observatory://versions/{id}}
 * @param model
 *            name of the registered model
 * @param version
 *            1, 2, 3, ... per model; numbers of deleted versions are not reused
 * @param source
 *            where the weights are: a checkpoint or artifact URI such as {@code runs:/<run id>/model} or
 *            {@code s3://bucket/ckpt}; may be null
 * @param runId
 *            the run that produced it (lineage); null when unknown
 * @param statusMessage
 *            free text explaining the status; may be null
 * @param tags
 *            key to value, sorted by key
 * @param createdBy
 *            who registered it (MLflow's user_id); may be null
 * @param updatedAt
 *            last change of the version (description, tags, status, stage)
 * @param metrics
 *            metrics snapshot taken at registration (by default the last value of each of the run's metrics); values
 *            may be NaN or infinite
 * @param aliases
 *            aliases of its model that point at this version, sorted
 */
public record ModelVersion(String id, String model, int version, String source, String runId, VersionStatus status,
        String statusMessage, String description, Map<String, String> tags, String createdBy, Instant createdAt,
        Instant updatedAt, Stage stage, Map<String, Double> metrics, List<String> aliases) {

    public ModelVersion {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        aliases = aliases.stream().sorted().toList();
    }
}
