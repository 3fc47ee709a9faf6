package dev.observatory.model.opsmetric;

import java.util.Arrays;
import java.util.Objects;

/**
 * Samples of one series: parallel arrays of epoch-millisecond times and values. Read back from a store they are sorted
 * by time with one value per time.
 */
public final class OpsSamples {
    private final OpsSeries series;
    private final long[] times;
    private final double[] values;

    public OpsSamples(OpsSeries series, long[] times, double[] values) {
        this.series = Objects.requireNonNull(series, "series");
        if (times.length != values.length) {
            throw new IllegalArgumentException(
                    "times and values differ in length: " + times.length + " vs " + values.length);
        }
        this.times = times;
        this.values = values;
    }

    /** One sample. */
    public static OpsSamples one(OpsSeries series, long timeMs, double value) {
        return new OpsSamples(series, new long[] { timeMs }, new double[] { value });
    }

    public OpsSeries series() {
        return series;
    }

    /** Epoch milliseconds (do not modify). */
    public long[] times() {
        return times;
    }

    /** Values, parallel to {@link #times()} (do not modify). */
    public double[] values() {
        return values;
    }

    public int size() {
        return times.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpsSamples s && s.series.equals(series) && Arrays.equals(s.times, times)
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, Arrays.hashCode(times), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return series + " " + times.length + " samples";
    }
}
