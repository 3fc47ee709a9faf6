package dev.observatory.core;

import dev.observatory.model.AuditEvent;
import dev.observatory.store.AuditStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every write in the audit log. Ordinary writes are recorded synchronously. High-rate ingest (metric points,
 * log lines) is coalesced per actor, action and run into one event per second so that auditing never halves ingest
 * throughput (see docs/decisions/0004-audit-coalescing.md).
 */
public final class Auditor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
    private final AuditStore store;
    private final Clock clock;
    private final Map<String, long[]> pending = new HashMap<>();
    private final ScheduledExecutorService flusher;

    public Auditor(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    public void record(Actor actor, String action, String target, String detail) {
        store.record(new AuditEvent(0, clock.instant(), actor.name(), actor.surface(), action, target, detail));
    }

    /** Counts {@code items} ingested by one call; flushed as one event per (actor, action, run) per second. */
    void recordIngest(Actor actor, String action, String runId, long items) {
        String k = actor.name() + '\u0000' + actor.surface() + '\u0000' + action + '\u0000' + runId;
        synchronized (pending) {
            long[] c = pending.computeIfAbsent(k, x -> new long[2]);
            c[0] += items;
            c[1]++;
        }
    }

    /** Writes the coalesced ingest events now. */
    public void flush() {
        Map<String, long[]> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new HashMap<>(pending);
            pending.clear();
        }
        for (var e : batch.entrySet()) {
            String[] p = e.getKey().split("\u0000", 4);
            try {
                store.record(new AuditEvent(0, clock.instant(), p[0], p[1], p[2], "run/" + p[3],
                        e.getValue()[0] + " items in " + e.getValue()[1] + " calls"));
            } catch (RuntimeException ex) {
                LOG.warn("could not write audit event for {}: {}", p[2], ex.getMessage());
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        flush();
    }
}
