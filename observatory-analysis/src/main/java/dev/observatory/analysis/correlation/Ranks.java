package dev.observatory.analysis.correlation;

/**
 * Fractional ranks (1-based, ties get their average rank), as Commons Math's {@code NaturalRanking} with AVERAGE ties.
 * Values and their positions are sorted together by a bottom-up merge sort over primitive arrays (sequential memory
 * access; a million values take tens of milliseconds), then each run of equal values gets its average rank.
 */
final class Ranks {

    private static final int RUN = 32;

    private Ranks() {
    }

    /** Ranks of finite values. */
    static double[] of(double[] values) {
        int n = values.length;
        double[] v = values.clone();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int lo = 0; lo < n; lo += RUN) {
            insertionSort(v, idx, lo, Math.min(n, lo + RUN));
        }
        double[] v2 = new double[n];
        int[] idx2 = new int[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(v, idx, v2, idx2, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
            }
            double[] tv = v;
            v = v2;
            v2 = tv;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        double[] ranks = new double[n];
        int start = 0;
        for (int k = 1; k <= n; k++) {
            if (k == n || v[k] != v[start]) {
                double rank = (start + 1 + k) / 2.0;
                for (int j = start; j < k; j++) {
                    ranks[idx[j]] = rank;
                }
                start = k;
            }
        }
        return ranks;
    }

    private static void insertionSort(double[] v, int[] idx, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            double x = v[i];
            int xi = idx[i];
            int j = i - 1;
            while (j >= lo && v[j] > x) {
                v[j + 1] = v[j];
                idx[j + 1] = idx[j];
                j--;
            }
            v[j + 1] = x;
            idx[j + 1] = xi;
        }
    }

    private static void merge(double[] v, int[] idx, double[] outV, int[] outIdx, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || v[i] <= v[j])) {
                outV[k] = v[i];
                outIdx[k] = idx[i++];
            } else {
                outV[k] = v[j];
                outIdx[k] = idx[j++];
            }
        }
    }
}
