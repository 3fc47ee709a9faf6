package dev.observatory.server;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.demo.DemoData;
import dev.observatory.core.demo.DemoSummary;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.store.StorageComponent;
import java.time.Clock;
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

    private Observatory(Config config, StorageComponent store, Clock clock) {
        this.config = config;
        this.store = store;
        this.auditor = new Auditor(store.audit(), clock);
        this.tracking = new Tracking(store, clock, config.readOnly(), auditor);
        meters.gauge("observatory_store_points", "Metric points stored.", () -> store.metrics().pointCount());
        meters.gauge("observatory_store_size_bytes", "Bytes used by the store on disk (-1 unknown).",
                () -> store.sizeBytes());
    }

    static Observatory open(Config config) {
        StorageComponent store = Stores.open(config);
        LOG.info("storage: {} ({})", store.kind(), config.storage().equals("memory") ? "nothing is persisted"
                : config.storage().equals("duckdb") ? config.dataDir().resolve(Stores.DUCKDB_FILE) : "postgres");
        return new Observatory(config, store, Clock.systemUTC());
    }

    /**
     * Like {@link #open} but the store opens in the background (LazyStorage): for {@code observatory mcp}, which must
     * answer {@code initialize} at once. An open failure is logged here and reported by every tool call.
     */
    static Observatory openInBackground(Config config) {
        LazyStorage store = new LazyStorage(config.storage(), () -> {
            try {
                StorageComponent s = Stores.open(config);
                LOG.info("storage: {} opened", s.kind());
                return s;
            } catch (RuntimeException e) {
                LOG.error("storage: {}", e.getMessage());
                throw e;
            }
        });
        return new Observatory(config, store, Clock.systemUTC());
    }

    /** Writes the demo data set when the store has no projects yet; returns whether it wrote. */
    boolean loadDemoIfEmpty() {
        if (!store.projects().list().isEmpty()) {
            LOG.info("demo: the store already holds projects; leaving it as it is");
            return false;
        }
        DemoSummary s = DemoData.write(store, DEMO_SEED, Clock.systemUTC().instant());
        LOG.info("demo: wrote {}", s);
        return true;
    }

    @Override
    public void close() {
        auditor.close();
        store.close();
    }
}
