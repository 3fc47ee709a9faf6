package dev.observatory.store.jdbc;

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
import dev.observatory.store.StoreException;
import dev.observatory.store.TraceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default backend: one DuckDB file. Every write goes through one writer thread (metric batches are
 * acknowledged once they are in the metric journal and applied with the DuckDB Appender in groups, decision 0018; other
 * writes return once committed); reads run on a small pool of connections to the same database. Metric summaries are
 * kept on ingest in the {@code series} table. One process owns the file at a time.
 */
public final class DuckDbStorage implements StorageComponent {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStorage.class);

    private final Path file;
    private final DuckDbConnections db;
    private final DuckDBConnection writerConnection;
    private final DuckDbWriter writer;
    private final DuckDbProjects projects;
    private final DuckDbRuns runs;
    private final DuckDbMetrics metrics;
    private final DuckDbJournaledAppends journaled;
    private final DuckDbLogs logs;
    private final DuckDbAudit audit;
    private final DuckDbKeys keys;
    private final DuckDbRegistry registry;
    private final DuckDbMlflow mlflow;
    private final JdbcArtifacts artifacts;
    private final JdbcLineage lineage;
    private final JdbcTrainingConfigs trainingConfigs;
    private final JdbcDatasets datasets;
    private final JdbcJobs jobs;
    private final JdbcBenchmarks benchmarks;
    private final JdbcDeployments deployments;
    private final JdbcBuilds builds;
    private final DuckDbTraces traces;
    private final DuckDbOpsMetrics opsMetrics;
    private final JdbcOps ops;
    private final DuckDbSqlQueries sql;
    private final JdbcEvals evals;
    private boolean closed;

    /**
     * When an acknowledged metric batch is safe (decision 0018). {@code FSYNC}: written to the metric journal and
     * synced to disk before the answer (concurrent callers share a sync); DuckDB applies it moments later.
     * {@code PROCESS}: written to the journal, not synced: survives a crash of the process, not of the machine before
     * DuckDB applied it (its own commit syncs). {@code COMMIT}: committed to DuckDB before the answer, no journal.
     */
    public enum MetricDurability {
        FSYNC, PROCESS, COMMIT
    }

    private DuckDbStorage(Path file, DuckDBConnection root, Clock clock, MetricDurability durability)
            throws SQLException {
        this.file = file;
        this.db = new DuckDbConnections(root, Math.max(4, Runtime.getRuntime().availableProcessors()));
        this.writerConnection = db.duplicate();
        this.writer = new DuckDbWriter(writerConnection, clock);
        this.projects = new DuckDbProjects(db, writer, clock);
        this.runs = new DuckDbRuns(db, writer, clock);
        this.journaled = durability == MetricDurability.COMMIT ? null
                : new DuckDbJournaledAppends(db, writer, Path.of(file + ".journal"),
                        durability == MetricDurability.FSYNC);
        this.metrics = new DuckDbMetrics(db, writer, journaled);
        runs.beforeMetricReads(metrics::awaitAll);
        this.logs = new DuckDbLogs(db, writer);
        this.audit = new DuckDbAudit(db, writer, clock);
        this.keys = new DuckDbKeys(db, writer, clock);
        this.registry = new DuckDbRegistry(db, writer, clock);
        this.mlflow = new DuckDbMlflow(db, writer, clock, runs::forgetCached);
        mlflow.beforeMetricReads(metrics::awaitAll);
        mlflow.summariesCache(metrics.summaryCache());
        JdbcTx tx = JdbcTx.duckDb(db, writer, clock);
        this.artifacts = new JdbcArtifacts(tx);
        this.lineage = new JdbcLineage(tx);
        this.trainingConfigs = new JdbcTrainingConfigs(tx);
        this.datasets = new JdbcDatasets(tx);
        this.jobs = new JdbcJobs(tx);
        this.benchmarks = new JdbcBenchmarks(tx);
        this.deployments = new JdbcDeployments(tx);
        this.builds = new JdbcBuilds(tx);
        this.traces = new DuckDbTraces(db, writer);
        this.opsMetrics = new DuckDbOpsMetrics(db, writer);
        this.ops = new JdbcOps(tx);
        this.sql = new DuckDbSqlQueries(db, metrics::awaitAll);
        this.evals = new JdbcEvals(tx);
    }

    /** Opens (creating it and its parent directories when absent) and migrates the database file. */
    public static DuckDbStorage open(Path dbFile) {
        return open(dbFile, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that generated times come from. */
    public static DuckDbStorage open(Path dbFile, Clock clock) {
        return open(dbFile, clock, MetricDurability.FSYNC);
    }

    /** As {@link #open(Path, Clock)}, with the given metric durability. */
    public static DuckDbStorage open(Path dbFile, Clock clock, MetricDurability durability) {
        Path file = dbFile.toAbsolutePath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
            try {
                Migrations.apply(root, "duckdb");
                DuckDbSpanIngest.setCheckpointThreshold(root); // database-wide, so before the lock-down
                DuckDbPointLayout.releaseFreedMemory(root); // database-wide too (decision 0036)
                DuckDbSandbox.lockDown(root);
                return new DuckDbStorage(file, root, clock, durability);
            } catch (RuntimeException | SQLException e) {
                DuckDbConnections.closeQuietly(root);
                throw e;
            }
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open DuckDB database " + file + ": " + e.getMessage(), e);
        }
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

    /** Read-only SQL over the tracking tables, in this instance locked down by {@link DuckDbSandbox}. */
    @Override
    public dev.observatory.store.SqlQueryStore sql() {
        return sql;
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
        try {
            return db.read(c -> DuckDbSql.count(c, "SELECT 1") == 1 ? Health.up() : Health.down("SELECT 1 failed"));
        } catch (RuntimeException e) {
            return Health.down("DuckDB: " + e.getMessage());
        }
    }

    @Override
    public String kind() {
        return "duckdb";
    }

    @Override
    public long sizeBytes() {
        return sizeOf(file) + sizeOf(Path.of(file + ".wal"));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Waits until the metric points acknowledged so far are applied and the writer has rewritten them grouped by series
     * (it does so after a quiet second, docs/decisions/0035-metric-point-layout.md); false when that took longer than
     * {@code timeout}. For benchmarks that measure the layout a server reaches between ingest bursts.
     */
    public boolean awaitMetricLayout(java.time.Duration timeout) {
        metrics.awaitAll();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (writer.pointLayout().pending()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The writer thread (tests of the metric point layout). */
    DuckDbWriter writer() {
        return writer;
    }

    /** The read connections (tests). */
    DuckDbConnections connections() {
        return db;
    }

    /** Finishes queued writes, checkpoints the WAL into the file and closes every connection. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        if (journaled != null) {
            journaled.close();
        }
        try {
            DuckDbSql.exec(writerConnection, "CHECKPOINT");
        } catch (SQLException e) {
            LOG.warn("checkpoint on close failed: {}", e.getMessage());
        }
        DuckDbConnections.closeQuietly(writerConnection);
        sql.close();
        db.close();
    }
}
