package dev.observatory.core.job;

import dev.observatory.model.MetricColumns;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed points waiting to be written to the job's run in one batch; swapped out whole by {@link #drain()}. */
final class MetricBuffer {
    private Map<String, Series> series = new HashMap<>();
    /** Written under the lock, read without it (the reader thread checks it every line). */
    private volatile int points;

    synchronized void add(String key, long step, double value, long timeMs) {
        series.computeIfAbsent(key, k -> new Series()).add(step, value, timeMs);
        points++;
    }

    int points() {
        return points;
    }

    /** The buffered points as columns per key (empty when none), leaving the buffer empty. */
    synchronized Map<String, MetricColumns> drain() {
        if (points == 0) {
            return Map.of();
        }
        Map<String, MetricColumns> out = new LinkedHashMap<>();
        series.forEach((k, s) -> out.put(k, s.columns()));
        series = new HashMap<>();
        points = 0;
        return out;
    }

    private static final class Series {
        long[] steps = new long[64];
        double[] values = new double[64];
        long[] times = new long[64];
        int n;

        void add(long step, double value, long timeMs) {
            if (n == steps.length) {
                steps = Arrays.copyOf(steps, n * 2);
                values = Arrays.copyOf(values, n * 2);
                times = Arrays.copyOf(times, n * 2);
            }
            steps[n] = step;
            values[n] = value;
            times[n++] = timeMs;
        }

        MetricColumns columns() {
            return new MetricColumns(Arrays.copyOf(steps, n), Arrays.copyOf(values, n), Arrays.copyOf(times, n));
        }
    }
}
