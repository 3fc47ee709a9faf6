package dev.observatory.core.trace;

import dev.observatory.core.BackgroundChore;
import dev.observatory.store.TraceStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes spans older than {@code trace_retention_days}. Ingest triggers it at most once per {@link #EVERY} per store,
 * on a virtual thread, so that no ingest call waits for a large delete.
 */
final class TraceRetention {

    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(TraceRetention.class);

    private TraceRetention() {
    }

    /** Deletes now; returns how many spans. */
    static long run(TraceStore store, int retentionDays, Clock clock) {
        if (retentionDays == 0) {
            return 0;
        }
        long cutoff = Traces.nanos(clock.instant().minus(Duration.ofDays(retentionDays)));
        long deleted = store.deleteBefore(cutoff);
        if (deleted > 0) {
            LOG.info("trace retention: deleted {} spans older than {} days", deleted, retentionDays);
        }
        return deleted;
    }

    /** Starts a run in the background when the store's last one is older than {@link #EVERY}. */
    static void maybeRun(TraceStore store, int retentionDays, Clock clock) {
        if (retentionDays != 0) {
            BackgroundChore.maybeRun(store, "trace-retention", EVERY, clock, () -> run(store, retentionDays, clock));
        }
    }
}
