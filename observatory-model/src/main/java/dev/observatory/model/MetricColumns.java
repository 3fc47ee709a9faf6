package dev.observatory.model;

import java.util.Arrays;

/**
 * One metric key's points in columnar form: the three arrays have the same length. Steps may go backwards (stored as
 * sent). Values may be NaN or +-Infinity and are stored and returned as such. {@code timestampsMs} are epoch
 * milliseconds.
 */
public record MetricColumns(long[] steps, double[] values, long[] timestampsMs) {

    public MetricColumns {
        if (steps.length != values.length || steps.length != timestampsMs.length) {
            throw new IllegalArgumentException("steps, values and timestamps must have the same length (got "
                    + steps.length + ", " + values.length + ", " + timestampsMs.length + ")");
        }
    }

    public int size() {
        return steps.length;
    }

    /** Grows one key's columns point by point (arrays doubled as needed); {@link #build} copies them to their size. */
    public static final class Builder {
        private long[] steps;
        private double[] values;
        private long[] timestampsMs;
        private int size;

        /** A builder with room for {@code capacity} points before it first grows (at least 1). */
        public Builder(int capacity) {
            int n = Math.max(1, capacity);
            steps = new long[n];
            values = new double[n];
            timestampsMs = new long[n];
        }

        public void add(long step, double value, long timestampMs) {
            if (size == steps.length) {
                steps = Arrays.copyOf(steps, size * 2);
                values = Arrays.copyOf(values, size * 2);
                timestampsMs = Arrays.copyOf(timestampsMs, size * 2);
            }
            steps[size] = step;
            values[size] = value;
            timestampsMs[size] = timestampMs;
            size++;
        }

        public int size() {
            return size;
        }

        public MetricColumns build() {
            return new MetricColumns(Arrays.copyOf(steps, size), Arrays.copyOf(values, size),
                    Arrays.copyOf(timestampsMs, size));
        }
    }
}
