package dev.observatory.analysis.anomaly;

import java.util.Arrays;

/** Medians and the MAD over the finite values of an array. */
final class Robust {
    /** MAD to standard deviation of a normal distribution. */
    static final double MAD_TO_SIGMA = 1.4826;

    private Robust() {
    }

    /** Median of the finite values; NaN when there are none. */
    static double median(double[] values) {
        double[] f = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (f.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(f);
        int m = f.length / 2;
        return f.length % 2 == 1 ? f[m] : (f[m - 1] + f[m]) / 2;
    }

    /**
     * Robust scale of the finite values: 1.4826 * MAD; when more than half the values are equal (MAD 0), 1.2533 * the
     * mean absolute deviation from the median; 0 only when all values are equal.
     */
    static double scale(double[] values) {
        double med = median(values);
        double[] dev = new double[values.length];
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - med);
            if (Double.isFinite(dev[i])) {
                sum += dev[i];
                n++;
            }
        }
        double mad = median(dev);
        if (mad > 0) {
            return MAD_TO_SIGMA * mad;
        }
        return n == 0 ? 0 : 1.2533 * sum / n;
    }
}
