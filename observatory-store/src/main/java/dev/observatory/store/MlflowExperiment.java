package dev.observatory.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MLflow view of a project: its numeric experiment id, lifecycle and key/value tags (see {@link MlflowStore}).
 *
 * @param id
 *            MLflow experiment id; 0 is the project named {@code Default}
 * @param project
 *            the project's (unique) name, which is the experiment's name
 * @param deleted
 *            lifecycle stage: true for MLflow's {@code deleted}
 * @param updatedAt
 *            last change of lifecycle, name or tags (or when the id was given)
 * @param tags
 *            experiment tags, ordered by key
 */
public record MlflowExperiment(long id, String project, boolean deleted, Instant updatedAt, Map<String, String> tags) {

    public MlflowExperiment {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
