package dev.observatory.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL backend, for deployments that share one database between several Observatory replicas. Connections
 * come from a HikariCP pool; the schema is migrated on open (db/postgres/V*.sql, serialized across replicas by an
 * advisory lock). Metric series are stored in compact chunks of up to 8,192 points with per-chunk statistics, not one
 * row per point: about 10 bytes per point on disk for a noisy training curve (raw 8-byte values, delta-encoded steps
 * and timestamps). Every write commits before it returns.
 * <p>
 * Statements are prepared on the server from their first use so that chunk columns travel in binary; behind a
 * connection pooler in transaction mode, enable its prepared-statement support (PgBouncer 1.21+) or add
 * {@code prepareThreshold=0} to the JDBC URL.
 */
public final class PostgresStorage implements StorageComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStorage.class);
    /** Key of the advisory lock held while migrating ("obs-mig" in ASCII). */
    private static final long MIGRATION_LOCK = 0x6F62732D6D6967L;

    private final HikariDataSource dataSource;
    private final PgProjectStore projects;
    private final PgRunStore runs;
    private final PgMetricStore metrics;
    private final PgLogStore logs;
    private final PgAuditStore audit;
    private final PgKeyStore keys;
    private final PgRegistry registry;
    private final PgMlflowStore mlflow;
    private final JdbcArtifacts artifacts;
    private final JdbcLineage lineage;
    private final JdbcTrainingConfigs trainingConfigs;
    private final JdbcDatasets datasets;
    private final JdbcJobs jobs;
    private final JdbcBenchmarks benchmarks;
    private final JdbcDeployments deployments;
    private final JdbcBuilds builds;
    private final PgTraces traces;
    private final PgOpsMetrics opsMetrics;
    private final JdbcOps ops;
    private final PgSqlQueries sql;
    private final JdbcEvals evals;

    private PostgresStorage(HikariDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        PgDb db = new PgDb(dataSource, clock);
        this.projects = new PgProjectStore(db);
        this.runs = new PgRunStore(db);
        this.metrics = new PgMetricStore(db, PgChunkCodec.CHUNK_POINTS);
        this.logs = new PgLogStore(db);
        this.audit = new PgAuditStore(db);
        this.keys = new PgKeyStore(db);
        this.registry = new PgRegistry(db);
        this.mlflow = new PgMlflowStore(db);
        this.artifacts = new JdbcArtifacts(JdbcTx.postgres(db, "artifacts"));
        this.lineage = new JdbcLineage(JdbcTx.postgres(db, "lineage"));
        this.trainingConfigs = new JdbcTrainingConfigs(JdbcTx.postgres(db, "training configs"));
        this.datasets = new JdbcDatasets(JdbcTx.postgres(db, "datasets"));
        this.jobs = new JdbcJobs(JdbcTx.postgres(db, "jobs"));
        this.benchmarks = new JdbcBenchmarks(JdbcTx.postgres(db, "benchmarks"));
        this.deployments = new JdbcDeployments(JdbcTx.postgres(db, "deployments"));
        this.builds = new JdbcBuilds(JdbcTx.postgres(db, "builds"));
        this.traces = new PgTraces(db);
        this.opsMetrics = new PgOpsMetrics(db);
        this.ops = new JdbcOps(JdbcTx.postgres(db, "ops"));
        this.sql = new PgSqlQueries(dataSource);
        this.evals = new JdbcEvals(JdbcTx.postgres(db, "evals"));
    }

    /** Read-only SQL over the tracking tables: read-only transactions, statement_timeout, a read-only role. */
    @Override
    public dev.observatory.store.SqlQueryStore sql() {
        return sql;
    }

    /**
     * Connects to the database (for example {@code jdbc:postgresql://db:5432/observatory}), applies pending migrations
     * and returns the storage. The user needs the right to create tables on first start. Throws StoreException when the
     * database cannot be reached or migrated.
     */
    public static PostgresStorage open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("observatory-postgres");
        config.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        config.setMinimumIdle(2);
        config.setConnectionTimeout(10_000);
        // binary transfer from the first execution: chunk columns (bytea) arrive as bytes, not hex text
        config.addDataSourceProperty("prepareThreshold", "-1");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL: " + e.getMessage(), e);
        }
        try {
            int version = migrate(ds);
            LOG.info("PostgreSQL storage ready (schema version {})", version);
            return new PostgresStorage(ds, Clock.systemUTC());
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static int migrate(HikariDataSource ds) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, MIGRATION_LOCK);
                lock.execute();
            }
            try {
                return Migrations.apply(c, "postgres");
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, MIGRATION_LOCK);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL migration failed: " + e.getMessage(), e);
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
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.setQueryTimeout(5);
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
                return Health.up();
            }
        } catch (SQLException | RuntimeException e) {
            return Health.down("PostgreSQL: " + e.getMessage());
        }
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public long sizeBytes() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot read the PostgreSQL database size: {}", e.getMessage());
            return -1;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
