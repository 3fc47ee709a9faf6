package dev.observatory.core.dataset;

import java.util.Arrays;

/** Count, min, max, mean and nearest-rank percentiles of lengths (characters, words). All zero when empty. */
public record LengthStats(long count, long min, long max, double mean, long p50, long p95) {

    static LengthStats of(long[] values) {
        if (values.length == 0) {
            return new LengthStats(0, 0, 0, 0, 0, 0);
        }
        long[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        for (long x : v) {
            sum += x;
        }
        return new LengthStats(v.length, v[0], v[v.length - 1], Math.round(sum / v.length * 100) / 100.0, rank(v, 0.50),
                rank(v, 0.95));
    }

    private static long rank(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
