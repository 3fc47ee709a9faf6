package dev.observatory.core.job;

import dev.observatory.model.MetricColumns;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed points waiting to be written to the job's run in one batch; swapped out whole by {@link #drain()}. */
final class MetricBuffer {
    private Map<String, MetricColumns.Builder> series = new HashMap<>();
    /** Written under the lock, read without it (the reader thread checks it every line). */
    private volatile int points;

    synchronized void add(String key, long step, double value, long timeMs) {
        series.computeIfAbsent(key, k -> new MetricColumns.Builder(64)).add(step, value, timeMs);
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
        series.forEach((k, s) -> out.put(k, s.build()));
        series = new HashMap<>();
        points = 0;
        return out;
    }
}
