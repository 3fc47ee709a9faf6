package dev.observatory.store.jdbc;

import dev.observatory.model.SeriesBucket;
import dev.observatory.store.internal.StepBuckets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * M4 downsampling into the equal-width step buckets of {@link StepBuckets}. Points and whole cells (chunk stats) are
 * fed in ingest order; only points with steps in {@code [lo, hi]} count.
 */
final class PgM4 {

    private final StepBuckets buckets;
    /** Non-empty buckets by index; a map, since a huge bucket count over a huge span may have few points. */
    private final Map<Long, M4Cell> cells = new HashMap<>();
    private long lastIndex = -1;
    private M4Cell lastCell;

    PgM4(StepBuckets buckets) {
        this.buckets = buckets;
    }

    /** Adds the points of a decoded chunk whose steps lie in the range. */
    void addAll(PgChunkData d) {
        long lo = buckets.lo();
        long hi = buckets.hi();
        long[] steps = d.steps();
        double[] values = d.values();
        for (int i = 0; i < d.n(); i++) {
            long s = steps[i];
            if (s >= lo && s <= hi) {
                cell(buckets.of(s)).add(s, values[i]);
            }
        }
    }

    /** True when the chunk's steps all lie in the range and in one bucket, so its stats can be merged as they are. */
    boolean mergeable(PgChunkMeta m) {
        return m.minStep() >= buckets.lo() && m.maxStep() <= buckets.hi()
                && buckets.of(m.minStep()) == buckets.of(m.maxStep());
    }

    /** Merges the stats of a chunk that is {@link #mergeable}. */
    void merge(PgChunkMeta m) {
        cell(buckets.of(m.minStep())).merge(m.cell());
    }

    List<SeriesBucket> result() {
        List<SeriesBucket> out = new ArrayList<>(cells.size());
        new TreeMap<>(cells).values().forEach(c -> out.add(c.toBucket()));
        return out;
    }

    private M4Cell cell(long i) {
        if (i != lastIndex) {
            lastCell = cells.computeIfAbsent(i, k -> new M4Cell());
            lastIndex = i;
        }
        return lastCell;
    }
}
