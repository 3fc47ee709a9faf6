package dev.observatory.server;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.demo.DemoData;
import dev.observatory.core.demo.DemoSummary;
import dev.observatory.core.job.JobRunner;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.core.telemetry.SelfTracer;
import dev.observatory.core.telemetry.SelfTracing;
import dev.observatory.core.trace.Traces;
import dev.observatory.model.trace.Span;
import dev.observatory.server.otlp.OtlpExporter;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.BlobStores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The assembled services over one store: what every command needs. Closing it flushes and closes the store. */
final class Observatory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Observatory.class);
    static final long DEMO_SEED = 42;

    final Config config;
    final StorageComponent store;
    final Meters meters = new Meters();
    final Auditor auditor;
    final Tracking tracking;
    /** Bytes of artifacts and checkpoints: filesystem under <data_dir>/blobs, or S3 (blob_store). */
    final BlobStore blobs;
    /** Records Observatory's own tool calls and requests as spans; null when self_tracing is off or read-only. */
    final SelfTracing selfTracing;

    /** Runs training jobs; null until {@link #startJobs()} (serve and mcp) and in read-only mode. */
    private JobRunner jobRunner;
    /** Runs deployments; null until {@link #startDeployments()} (serve and mcp) and in read-only mode. */
    private dev.observatory.core.deploy.DeploymentRunner deploymentRunner;
    private final boolean lazyStore;

    /** The port the HTTP server really listens on (set once started; matters with port 0) for blob links. */
    private volatile int actualPort;

    private Observatory(Config config, StorageComponent store, Clock clock, boolean lazyBlobs) {
        this.config = config;
        this.store = store;
        this.lazyStore = lazyBlobs;
        this.auditor = new Auditor(store.audit(), clock);
        this.blobs = lazyBlobs ? new LazyBlobStore(config.blobs().kind(), () -> openBlobs(config)) : openBlobs(config);
        this.tracking = new Tracking(store, clock, config.readOnly(), auditor, blobs);
        Traces.configure(tracking, config.traces());
        dev.observatory.core.opsmetrics.OpsMetrics.configure(tracking, config.opsMetrics());
        dev.observatory.core.dataset.Datasets.configure(tracking, config.datasets());
        config.ops().start(tracking, System.getenv());
        dev.observatory.core.release.Releases.configure(tracking, config.releases());
        dev.observatory.core.benchmark.Benchmarks.configure(tracking, Set.copyOf(config.benchmarkAllowedHosts()));
        dev.observatory.core.query.SqlQueries.configure(tracking, config.query());
        meters.gauge("observatory_store_points", "Metric points stored.", () -> store.metrics().pointCount());
        meters.gauge("observatory_store_size_bytes", "Bytes used by the store on disk (-1 unknown).",
                () -> store.sizeBytes());
        this.selfTracing = config.selfTracing() && !config.readOnly()
                ? new SelfTracing(selfTraceSink(config), meters, clock, Version.current(), 10_000)
                : null;
        if (selfTracing != null) {
            meters.tracer(selfTracing);
        }
    }

    private BlobStore openBlobs(Config c) {
        Supplier<String> base = () -> c.baseUrl(actualPort > 0 ? actualPort : c.port());
        BlobStore b = c.storage().equals("memory") && c.blobs().kind().equals("filesystem")
                ? BlobStores.openTemporary(base)
                : BlobStores.open(c.blobs(), base);
        LOG.info("blobs: {} at {}", b.kind(), b.location());
        return b;
    }

    /** Tells the blob links the port the HTTP server listens on. */
    void listeningOn(int port) {
        actualPort = port;
    }

    /** Own spans go to the trace store, and also to otlp_export_endpoint when one is set. */
    private Consumer<List<Span>> selfTraceSink(Config c) {
        Consumer<List<Span>> store = spans -> new Traces(tracking).ingest(spans);
        return c.otlpExportEndpoint().isEmpty() ? store
                : store.andThen(new OtlpExporter(c.otlpExportEndpoint(), c.otlpExportApiKey(), meters));
    }

    static Observatory open(Config config) {
        StorageComponent store = Stores.open(config);
        LOG.info("storage: {} ({})", store.kind(), config.storage().equals("memory") ? "nothing is persisted"
                : config.storage().equals("duckdb") ? config.dataDir().resolve(Stores.DUCKDB_FILE) : "postgres");
        return new Observatory(config, store, Clock.systemUTC(), false);
    }

    /**
     * Like {@link #open} but the store opens in the background (LazyStorage): for {@code observatory mcp}, which must
     * answer {@code initialize} at once. An open failure is logged here and reported by every tool call.
     */
    static Observatory openInBackground(Config config) {
        return openInBackground(config, true);
    }

    /**
     * Like {@link #openInBackground(Config)}; with {@code startNow} false the open starts at {@link #openStorage()} or
     * the store's first use, whichever comes first.
     */
    static Observatory openInBackground(Config config, boolean startNow) {
        LazyStorage store = new LazyStorage(config.storage(), () -> {
            try {
                StorageComponent s = Stores.open(config);
                dev.observatory.server.mcp.StartupTrace.mark("storage opened");
                LOG.info("storage: {} opened", s.kind());
                return s;
            } catch (RuntimeException e) {
                LOG.error("storage: {}", e.getMessage());
                throw e;
            }
        }, startNow);
        return new Observatory(config, store, Clock.systemUTC(), true);
    }

    /** Starts opening a store that opens in the background and has not started yet; otherwise does nothing. */
    void openStorage() {
        if (store instanceof LazyStorage lazy) {
            lazy.start();
        }
    }

    /** Writes the demo data set when the store has no projects yet; returns whether it wrote. */
    boolean loadDemoIfEmpty() {
        if (!store.projects().list().isEmpty()) {
            LOG.info("demo: the store already holds projects; leaving it as it is");
            return false;
        }
        Instant now = Clock.systemUTC().instant();
        DemoSummary s = DemoData.write(store, DEMO_SEED, now);
        LOG.info("demo: wrote {}; {}", s, dev.observatory.core.demo.DemoServices.write(tracking, DEMO_SEED, now));
        return true;
    }

    /**
     * Starts the job runner (serve and mcp): recovers jobs of a previous life (re-attached or marked lost) and accepts
     * new ones. With a store opening in the background it starts there too. Not in read-only mode.
     */
    void startJobs() {
        if (config.readOnly() || jobRunner != null) {
            return;
        }
        jobRunner = Jobs.configure(tracking, config.jobs());
        JobRunner runner = jobRunner;
        if (lazyStore) {
            Thread.ofVirtual().name("job-runner-start").start(() -> {
                try {
                    runner.start();
                } catch (RuntimeException e) {
                    LOG.error("jobs: the runner did not start: {}", e.getMessage());
                }
            });
        } else {
            runner.start();
        }
    }

    /**
     * Starts the deployment runtime (serve and mcp): re-attaches deployments of a previous life whose process still
     * runs, marks the others lost. With a store opening in the background it starts there too. Not in read-only mode.
     */
    void startDeployments() {
        if (config.readOnly() || deploymentRunner != null) {
            return;
        }
        deploymentRunner = dev.observatory.core.deploy.Deployments.configure(tracking, config.deployments());
        dev.observatory.core.deploy.DeploymentRunner runner = deploymentRunner;
        if (!lazyStore) {
            runner.start();
            return;
        }
        Thread.ofVirtual().name("deployment-runtime-start").start(() -> {
            try {
                runner.start();
            } catch (RuntimeException e) {
                LOG.error("deployments: the runtime did not start: {}", e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        if (jobRunner != null) {
            jobRunner.close();
        }
        if (deploymentRunner != null) {
            deploymentRunner.close();
        }
        if (selfTracing != null) {
            meters.tracer(SelfTracer.NONE);
            selfTracing.close();
        }
        dev.observatory.core.alert.AlertEngine.of(tracking).close();
        auditor.close();
        blobs.close();
        store.close();
    }
}
