package dev.observatory.analysis.anomaly;

import java.util.Objects;

/**
 * A series of evenly spaced observations: positions (a step, or a time in any unit) in ascending order and their
 * values. Non-finite values (NaN, infinities) are gaps: they are never scored and never shape the baseline.
 */
public record MetricSeries(long[] x, double[] values) {

    public MetricSeries {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(values, "values");
        if (x.length != values.length) {
            throw new IllegalArgumentException(
                    "x and values must have the same length (got " + x.length + ", " + values.length + ")");
        }
        for (int i = 1; i < x.length; i++) {
            if (x[i] < x[i - 1]) {
                throw new IllegalArgumentException("x must be in ascending order (index " + i + ")");
            }
        }
    }

    /** A series at positions 0, 1, 2, ... */
    public static MetricSeries of(double... values) {
        long[] x = new long[values.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new MetricSeries(x, values);
    }

    public int size() {
        return x.length;
    }
}
