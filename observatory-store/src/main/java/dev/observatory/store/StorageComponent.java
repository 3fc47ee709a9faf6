package dev.observatory.store;

/**
 * The storage SPI: one object per backend handing out small stores per purpose. Implementations: in-memory, DuckDB
 * (embedded default) and PostgreSQL. Every implementation passes the contract suite in observatory-store-tests.
 * <p>
 * Durability: when a write method returns normally, the data survives a {@code kill -9} of the process (for the
 * persistent backends). Implementations may batch and group-commit but never return before commit.
 * <p>
 * Errors: {@link NotFoundException} for an unknown project/run, {@link ConflictException} for a uniqueness violation,
 * {@link IllegalArgumentException} for invalid input, {@link StoreException} for infrastructure failure.
 */
public interface StorageComponent extends AutoCloseable {

    ProjectStore projects();

    RunStore runs();

    MetricStore metrics();

    LogStore logs();

    AuditStore audit();

    KeyStore keys();

    /** MLflow API state: experiment ids, lifecycle and tags, run key/value tags, dataset inputs. */
    MlflowStore mlflow();

    /** The model registry: registered models, versions, aliases and stages. */
    RegistryStore registry();

    /** Spans of distributed traces (OTLP, self-observability) with their derived LLM columns. */
    TraceStore traces();

    /** The index of artifacts and checkpoints (the bytes are in the blob store). */
    ArtifactStore artifacts();

    /** The lineage graph linking runs, jobs, artifacts, data sets, model versions, deployments and traces. */
    LineageStore lineage();

    /**
     * Service metrics (OTLP metrics, Prometheus remote write): series and samples, apart from the run metrics of
     * experiments.
     */
    default OpsMetricStore opsMetrics() {
        throw new UnsupportedOperationException(kind() + " storage keeps no service metrics");
    }

    /** Versioned training configurations (append-only). */
    TrainingConfigStore trainingConfigs();

    /** Registered datasets. */
    DatasetStore datasets();

    /** SLI rollups, SLO and alerting documents and the alert delivery log. */
    default OpsStore ops() {
        throw new UnsupportedOperationException(kind() + " storage has no SLO and alerting store");
    }

    /** Training jobs and their event history. */
    JobStore jobs();

    /** Benchmark results of serving endpoints and deployments, with the model version each measured. */
    BenchmarkStore benchmarks();

    /**
     * Read-only SQL over the tracking tables; only the DuckDB and PostgreSQL backends have one.
     *
     * @throws UnsupportedOperationException
     *             on a backend without SQL (memory)
     */
    default SqlQueryStore sql() {
        throw new UnsupportedOperationException(
                "SQL queries need the DuckDB or PostgreSQL storage; this server runs" + " on " + kind() + " storage");
    }

    /** Evaluation results of runs, checkpoints and model versions (scorecards). */
    default EvalStore evals() {
        throw new UnsupportedOperationException(kind() + " storage keeps no evaluation results");
    }

    /** Deployments of model versions to a runtime on this host (process or docker). */
    default DeploymentStore deployments() {
        throw new UnsupportedOperationException(kind() + " storage keeps no deployments");
    }

    /** Builds of serving images and packages (command, context, log, outcome, output size). */
    default BuildStore builds() {
        throw new UnsupportedOperationException(kind() + " storage keeps no builds");
    }

    /** Cheap health check (e.g. {@code SELECT 1}); never throws. */
    Health check();

    /** Backend name for /health and /metrics: "memory", "duckdb", "postgres". */
    String kind();

    /** Approximate bytes used on disk, or -1 when unknown / not applicable. */
    long sizeBytes();

    @Override
    void close();
}
