package dev.observatory.model.slo;

import java.util.Arrays;

/**
 * Events of an SLI window: spans counted, failed spans (status ERROR or with an error type) and their durations as a
 * histogram over {@link LatencyBuckets} (index i counts the spans with a duration in bucket i).
 */
public record SliCounts(long total, long errors, long[] latency) {

    public SliCounts {
        if (latency.length != LatencyBuckets.COUNT) {
            throw new IllegalArgumentException("latency histogram needs " + LatencyBuckets.COUNT + " buckets");
        }
        latency = latency.clone();
    }

    /** No events. */
    public static SliCounts empty() {
        return new SliCounts(0, 0, new long[LatencyBuckets.COUNT]);
    }

    @Override
    public long[] latency() {
        return latency.clone();
    }

    /** Count of latency bucket {@code i}. */
    public long bucket(int i) {
        return latency[i];
    }

    /** The sum of both windows' events. */
    public SliCounts plus(SliCounts o) {
        long[] sum = new long[LatencyBuckets.COUNT];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = latency[i] + o.latency[i];
        }
        return new SliCounts(total + o.total, errors + o.errors, sum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliCounts c && c.total == total && c.errors == errors && Arrays.equals(c.latency, latency);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(total) * 31 + Long.hashCode(errors) * 17 + Arrays.hashCode(latency);
    }

    @Override
    public String toString() {
        return "SliCounts[total=" + total + ", errors=" + errors + ", latency=" + Arrays.toString(latency) + "]";
    }
}
