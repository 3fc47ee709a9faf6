package dev.observatory.analysis.capacity;

import java.util.Arrays;

/**
 * The Theil-Sen line: slope = median of the slopes between all pairs of points, intercept = median of
 * {@code y - slope * x}; with Sen's confidence interval of the slope. Robust to up to about 29% outliers. Series longer
 * than {@link #MAX_POINTS} are thinned to evenly spaced points first (the pairs grow with the square).
 *
 * @param slopeLow
 *            lower end of the slope's confidence interval
 * @param slopeHigh
 *            upper end
 * @param sigma
 *            robust standard deviation of the residuals around the line (1.4826 * MAD)
 */
record TheilSen(double slope, double intercept, double slopeLow, double slopeHigh, double sigma) {
    static final int MAX_POINTS = 1500;

    /** Fits x (finite, not all equal) and y (finite) of the same length. */
    static TheilSen fit(double[] x, double[] y, double z) {
        int n = x.length;
        int[] idx = thin(n);
        int m = idx.length;
        double[] slopes = new double[m * (m - 1) / 2];
        int k = 0;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                double dx = x[idx[b]] - x[idx[a]];
                if (dx != 0) {
                    slopes[k++] = (y[idx[b]] - y[idx[a]]) / dx;
                }
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("the series needs points at two different positions for a trend");
        }
        slopes = Arrays.copyOf(slopes, k);
        Arrays.sort(slopes);
        double slope = median(slopes);
        double c = z * Math.sqrt(m * (m - 1.0) * (2.0 * m + 5) / 18.0);
        int lo = (int) Math.max(0, Math.floor((k - c) / 2.0));
        int hi = (int) Math.min(k - 1, Math.ceil((k + c) / 2.0));
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            rest[i] = y[i] - slope * x[i];
        }
        double intercept = median(sorted(rest));
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(rest[i] - intercept);
        }
        double sigma = 1.4826 * median(sorted(dev));
        return new TheilSen(slope, intercept, Math.min(slope, slopes[lo]), Math.max(slope, slopes[hi]), sigma);
    }

    double at(double x) {
        return intercept + slope * x;
    }

    private static int[] thin(int n) {
        int m = Math.min(n, MAX_POINTS);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = m == 1 ? 0 : (int) Math.round(i * (n - 1.0) / (m - 1.0));
        }
        return idx;
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
