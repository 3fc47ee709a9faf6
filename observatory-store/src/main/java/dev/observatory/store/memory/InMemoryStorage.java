package dev.observatory.store.memory;

import dev.observatory.store.ArtifactStore;
import dev.observatory.store.AuditStore;
import dev.observatory.store.Health;
import dev.observatory.store.KeyStore;
import dev.observatory.store.LineageStore;
import dev.observatory.store.LogStore;
import dev.observatory.store.MetricStore;
import dev.observatory.store.MlflowStore;
import dev.observatory.store.ProjectStore;
import dev.observatory.store.RegistryStore;
import dev.observatory.store.RunStore;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.TraceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The reference storage: everything in memory, thread-safe, lost on exit. Used by tests and by
 * {@code --storage=memory}. Times are kept at microsecond precision like the database backends.
 */
public final class InMemoryStorage implements StorageComponent {

    private final MemoryProjects projects;
    private final MemoryRuns runs;
    private final MemoryMetrics metrics;
    private final MemoryLogs logs;
    private final MemoryAudit audit;
    private final MemoryKeys keys;
    private final MemoryRegistry registry;
    private final MemoryMlflow mlflow;
    private final MemoryArtifacts artifacts;
    private final MemoryLineage lineage = new MemoryLineage();
    private final MemoryTrainingConfigs trainingConfigs;
    private final MemoryDatasets datasets;
    private final MemoryJobs jobs;
    private final MemoryBenchmarks benchmarks = new MemoryBenchmarks();
    private final MemoryEvals evals = new MemoryEvals();
    private final MemoryDeployments deployments = new MemoryDeployments();
    private final MemoryBuilds builds = new MemoryBuilds();
    private final MemoryTraces traces = new MemoryTraces();
    private final MemoryOpsMetrics opsMetrics = new MemoryOpsMetrics();
    private final MemoryOps ops = new MemoryOps(traces);

    /** An empty storage on the system clock. */
    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** An empty storage whose generated times come from the given clock. */
    public InMemoryStorage(Clock clock) {
        MemoryClock now = () -> truncate(clock.instant());
        this.metrics = new MemoryMetrics();
        this.projects = new MemoryProjects(now);
        this.runs = new MemoryRuns(now, projects, metrics);
        this.projects.countRunsWith(runs::countsByProject);
        this.metrics.checkRunsWith(runs);
        this.logs = new MemoryLogs(now, runs);
        this.audit = new MemoryAudit(now);
        this.keys = new MemoryKeys(now);
        this.registry = new MemoryRegistry(now);
        this.mlflow = new MemoryMlflow(now, projects, runs);
        this.artifacts = new MemoryArtifacts(now, runs);
        this.trainingConfigs = new MemoryTrainingConfigs(now);
        this.datasets = new MemoryDatasets(now);
        this.jobs = new MemoryJobs(now, runs);
    }

    static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ProjectStore projects() {
        return projects;
    }

    @Override
    public RunStore runs() {
        return runs;
    }

    @Override
    public MetricStore metrics() {
        return metrics;
    }

    @Override
    public LogStore logs() {
        return logs;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public MlflowStore mlflow() {
        return mlflow;
    }

    @Override
    public RegistryStore registry() {
        return registry;
    }

    @Override
    public TraceStore traces() {
        return traces;
    }

    @Override
    public dev.observatory.store.OpsMetricStore opsMetrics() {
        return opsMetrics;
    }

    @Override
    public ArtifactStore artifacts() {
        return artifacts;
    }

    @Override
    public LineageStore lineage() {
        return lineage;
    }

    @Override
    public dev.observatory.store.TrainingConfigStore trainingConfigs() {
        return trainingConfigs;
    }

    @Override
    public dev.observatory.store.DatasetStore datasets() {
        return datasets;
    }

    @Override
    public dev.observatory.store.OpsStore ops() {
        return ops;
    }

    @Override
    public dev.observatory.store.JobStore jobs() {
        return jobs;
    }

    @Override
    public dev.observatory.store.BenchmarkStore benchmarks() {
        return benchmarks;
    }

    @Override
    public dev.observatory.store.EvalStore evals() {
        return evals;
    }

    @Override
    public dev.observatory.store.DeploymentStore deployments() {
        return deployments;
    }

    @Override
    public dev.observatory.store.BuildStore builds() {
        return builds;
    }

    @Override
    public Health check() {
        return Health.up();
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** Source of "now" for generated times, already truncated to microseconds. */
    @FunctionalInterface
    interface MemoryClock {
        Instant now();
    }
}
