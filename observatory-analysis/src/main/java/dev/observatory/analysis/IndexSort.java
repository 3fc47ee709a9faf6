package dev.observatory.analysis;

/** Stable sort of point indices by step on primitive arrays (merge sort; no boxing). */
final class IndexSort {

    private IndexSort() {
    }

    /** Indices 0..n-1 ordered by step, equal steps in input order. */
    static int[] byStep(long[] steps) {
        int n = steps.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                merge(steps, a, b, lo, mid, hi);
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static void merge(long[] steps, int[] src, int[] dst, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || steps[src[i]] <= steps[src[j]])) {
                dst[k] = src[i++];
            } else {
                dst[k] = src[j++];
            }
        }
    }
}
