package dev.observatory.analysis.anomaly;

import java.util.Arrays;

/**
 * Centred rolling median over the finite values (windows are cut at the ends), kept as a sorted window updated one
 * value at a time: O(n * window) moves, no re-sorting.
 */
final class RollingMedian {

    private RollingMedian() {
    }

    /** The median of values[i - half .. i + half] (finite ones) for every i; NaN where the window has none. */
    static double[] of(double[] values, int window) {
        int n = values.length;
        int half = Math.max(0, window / 2);
        double[] sorted = new double[Math.min(n, 2 * half + 1)];
        int size = 0;
        double[] out = new double[n];
        for (int j = 0; j < Math.min(n, half); j++) {
            size = insert(sorted, size, values[j]);
        }
        for (int i = 0; i < n; i++) {
            int leave = i - half - 1;
            if (leave >= 0) {
                size = remove(sorted, size, values[leave]);
            }
            int enter = i + half;
            if (enter < n) {
                size = insert(sorted, size, values[enter]);
            }
            out[i] = size == 0 ? Double.NaN
                    : size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
        }
        return out;
    }

    private static int insert(double[] sorted, int size, double v) {
        if (!Double.isFinite(v)) {
            return size;
        }
        int at = Arrays.binarySearch(sorted, 0, size, v);
        at = at < 0 ? -at - 1 : at;
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = v;
        return size + 1;
    }

    private static int remove(double[] sorted, int size, double v) {
        if (!Double.isFinite(v)) {
            return size;
        }
        int at = Arrays.binarySearch(sorted, 0, size, v);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        return size - 1;
    }
}
