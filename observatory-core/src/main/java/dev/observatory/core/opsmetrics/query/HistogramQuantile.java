package dev.observatory.core.opsmetrics.query;

import java.util.Arrays;

/** The quantile of a classic histogram from its cumulative buckets, as Prometheus computes it. */
final class HistogramQuantile {
    private HistogramQuantile() {
    }

    /**
     * The q-quantile by linear interpolation inside the bucket where the rank falls; the lower bound of the first
     * bucket is 0 (when its upper bound is positive); a rank in the +Inf bucket gives the highest finite bound. NaN
     * without a +Inf bucket, with fewer than two buckets or with no observations.
     *
     * @param le
     *            upper bounds (any order)
     * @param counts
     *            cumulative counts, parallel to {@code le}
     */
    static double quantile(double q, double[] le, double[] counts, int n) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(le[a], le[b]));
        double[] bound = new double[n];
        double[] count = new double[n];
        int m = 0;
        for (int i : order) {
            if (m > 0 && bound[m - 1] == le[i]) {
                count[m - 1] += counts[i]; // the same bound twice: add up
            } else {
                bound[m] = le[i];
                count[m++] = counts[i];
            }
        }
        if (m < 2 || bound[m - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        for (int i = 1; i < m; i++) {
            count[i] = Math.max(count[i], count[i - 1]); // cumulative counts never fall (rate() noise)
        }
        double observations = count[m - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < m - 1 && count[b] < rank) {
            b++;
        }
        if (b == m - 1) {
            return bound[m - 2];
        }
        if (b == 0 && bound[0] <= 0) {
            return bound[0];
        }
        double start = 0;
        double end = bound[b];
        double inBucket = count[b];
        if (b > 0) {
            start = bound[b - 1];
            inBucket -= count[b - 1];
            rank -= count[b - 1];
        }
        return inBucket == 0 ? start : start + (end - start) * (rank / inBucket);
    }
}
