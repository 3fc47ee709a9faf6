package dev.observatory.core.slo;

import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliQuery;
import dev.observatory.model.slo.SliSelector;
import dev.observatory.store.OpsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * SLI events from the stored spans: the store's 5-minute rollups up to a watermark that trails the clock by
 * {@link #LAG} (spans arrive late by seconds, rarely minutes), raw spans after it.
 */
public final class SpanSliSource implements SliSource {
    /** How far the rollups stay behind the clock. */
    public static final Duration LAG = Duration.ofMinutes(10);

    private final OpsStore store;

    public SpanSliSource(OpsStore store) {
        this.store = store;
    }

    @Override
    public SliCounts counts(SliSelector selector, Instant from, Instant to) {
        return store.sli(new SliQuery(selector, nanos(from), nanos(to)));
    }

    /** Every window in one store call ({@link OpsStore#sliAll}: one statement on DuckDB and PostgreSQL). */
    @Override
    public List<SliCounts> countsEndingAt(SliSelector selector, List<Instant> starts, Instant to) {
        return store.sliAll(starts.stream().map(from -> new SliQuery(selector, nanos(from), nanos(to))).toList());
    }

    @Override
    public void refresh(Instant now) {
        long target = nanos(now.minus(LAG));
        if (store.rolledUpTo() + OpsStore.BUCKET_NANOS <= target) {
            store.rollUp(target);
        }
    }

    static long nanos(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    }
}
