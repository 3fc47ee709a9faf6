package dev.observatory.core.demo;

import dev.observatory.model.MetricColumns;
import java.util.LinkedHashMap;
import java.util.Map;

/** Growable per-key metric columns, turned into {@link MetricColumns} once a run's series are generated. */
final class Columns {

    private final Map<String, MetricColumns.Builder> series = new LinkedHashMap<>();

    void add(String key, long step, double value, long timestampMs) {
        series.computeIfAbsent(key, k -> new MetricColumns.Builder(256)).add(step, value, timestampMs);
    }

    Map<String, MetricColumns> build() {
        Map<String, MetricColumns> out = new LinkedHashMap<>();
        series.forEach((key, s) -> out.put(key, s.build()));
        return out;
    }
}
