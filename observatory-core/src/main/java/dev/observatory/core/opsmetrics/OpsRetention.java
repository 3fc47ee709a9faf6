package dev.observatory.core.opsmetrics;

import dev.observatory.core.BackgroundChore;
import dev.observatory.store.OpsMetricStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes service metric samples older than {@code metrics_retention_days}; ingest triggers it at most hourly per
 * store, on a virtual thread.
 */
final class OpsRetention {
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(OpsRetention.class);

    private OpsRetention() {
    }

    static long run(OpsMetricStore store, int retentionDays, Clock clock) {
        if (retentionDays == 0) {
            return 0;
        }
        long deleted = store.deleteBefore(clock.millis() - Duration.ofDays(retentionDays).toMillis());
        if (deleted > 0) {
            LOG.info("metrics retention: deleted {} samples older than {} days", deleted, retentionDays);
        }
        return deleted;
    }

    static void maybeRun(OpsMetricStore store, int retentionDays, Clock clock) {
        if (retentionDays != 0) {
            BackgroundChore.maybeRun(store, "metrics-retention", EVERY, clock, () -> run(store, retentionDays, clock));
        }
    }
}
