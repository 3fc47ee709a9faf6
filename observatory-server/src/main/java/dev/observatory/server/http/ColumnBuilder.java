package dev.observatory.server.http;

import dev.observatory.model.MetricColumns;
import java.util.Arrays;

/** Growable primitive columns (steps, values, timestamps) of one metric key while a batch is parsed. */
final class ColumnBuilder {
    final LongColumn steps = new LongColumn();
    final DoubleColumn values = new DoubleColumn();
    final LongColumn timestamps = new LongColumn();

    MetricColumns build() {
        return new MetricColumns(steps.toArray(), values.toArray(), timestamps.toArray());
    }

    static final class LongColumn {
        private long[] a = new long[256];
        int size;

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    static final class DoubleColumn {
        private double[] a = new double[256];
        int size;

        void add(double v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
