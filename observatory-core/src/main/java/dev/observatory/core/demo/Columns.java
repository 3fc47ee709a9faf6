package dev.observatory.core.demo;

import dev.observatory.model.MetricColumns;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Growable per-key metric columns, turned into {@link MetricColumns} once a run's series are generated. */
final class Columns {

    private final Map<String, Series> series = new LinkedHashMap<>();

    void add(String key, long step, double value, long timestampMs) {
        series.computeIfAbsent(key, k -> new Series()).add(step, value, timestampMs);
    }

    Map<String, MetricColumns> build() {
        Map<String, MetricColumns> out = new LinkedHashMap<>();
        series.forEach((key, s) -> out.put(key, s.build()));
        return out;
    }

    private static final class Series {
        private long[] steps = new long[256];
        private double[] values = new double[256];
        private long[] timestamps = new long[256];
        private int size;

        void add(long step, double value, long timestampMs) {
            if (size == steps.length) {
                steps = Arrays.copyOf(steps, size * 2);
                values = Arrays.copyOf(values, size * 2);
                timestamps = Arrays.copyOf(timestamps, size * 2);
            }
            steps[size] = step;
            values[size] = value;
            timestamps[size] = timestampMs;
            size++;
        }

        MetricColumns build() {
            return new MetricColumns(Arrays.copyOf(steps, size), Arrays.copyOf(values, size),
                    Arrays.copyOf(timestamps, size));
        }
    }
}
