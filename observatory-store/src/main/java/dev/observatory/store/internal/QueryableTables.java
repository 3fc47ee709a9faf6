package dev.observatory.store.internal;

import java.util.Set;
import java.util.TreeSet;

/**
 * The tables a SQL query may read: the tracking data (projects, runs, params and tags, metric series and points, logs,
 * artifacts and checkpoints, lineage, spans, jobs, datasets, training configs, the model registry, benchmarks and
 * service metrics). Everything else in the database (API keys, the audit log, MLflow bookkeeping, SLO state, caches,
 * staging tables, the migration history) is hidden: a query naming it is refused.
 */
public final class QueryableTables {

    /** Names of the queryable tables; a backend exposes those it has. */
    public static final Set<String> NAMES = Set.of("projects", "runs", "run_tags", "run_params", "series",
            "metric_points", "metric_series", "log_lines", "artifacts", "lineage_edges", "spans", "jobs", "job_events",
            "datasets", "training_configs", "registered_models", "registered_model_tags", "model_versions",
            "model_version_tags", "model_aliases", "benchmarks", "benchmark_levels", "ops_series", "ops_samples");

    private QueryableTables() {
    }

    /** The tables of {@code all} (lower case) that are not queryable. */
    public static Set<String> hidden(Set<String> all) {
        Set<String> hidden = new TreeSet<>(all);
        hidden.removeAll(NAMES);
        return hidden;
    }
}
