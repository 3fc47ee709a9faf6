package dev.observatory.store.memory;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import dev.observatory.store.MetricStore;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Series per run, ordered by key; each series locks itself. */
final class MemoryMetrics implements MetricStore {

    private final Map<String, ConcurrentSkipListMap<String, MemorySeries>> byRun = new ConcurrentHashMap<>();
    private final AtomicLong points = new AtomicLong();
    private MemoryRuns runs;

    void checkRunsWith(MemoryRuns runs) {
        this.runs = runs;
    }

    @Override
    public void append(String runId, Map<String, MetricColumns> batch) {
        if (!runs.exists(runId)) {
            throw new NotFoundException("run '" + runId + "' does not exist");
        }
        var series = byRun.computeIfAbsent(runId, id -> new ConcurrentSkipListMap<>());
        for (Map.Entry<String, MetricColumns> e : batch.entrySet()) {
            if (e.getValue().size() == 0) {
                continue;
            }
            series.computeIfAbsent(e.getKey(), k -> new MemorySeries()).append(e.getValue());
            points.addAndGet(e.getValue().size());
        }
    }

    private MemorySeries series(String runId, String key) {
        var series = byRun.get(runId);
        return series == null ? null : series.get(key);
    }

    /** The summary of one series, or null. */
    MetricSummary summary(String runId, String key) {
        MemorySeries s = series(runId, key);
        return s == null ? null : s.summary(key);
    }

    @Override
    public List<MetricSummary> summaries(String runId) {
        List<MetricSummary> out = new ArrayList<>();
        byRun.getOrDefault(runId, new ConcurrentSkipListMap<>()).forEach((k, s) -> out.add(s.summary(k)));
        return out;
    }

    @Override
    public Map<String, Map<String, MetricSummary>> summaries(Collection<String> runIds, Collection<String> keys) {
        Map<String, Map<String, MetricSummary>> out = new LinkedHashMap<>();
        for (String runId : runIds) {
            Map<String, MetricSummary> byKey = new TreeMap<>();
            for (MetricSummary s : summaries(runId)) {
                if (keys.isEmpty() || keys.contains(s.key())) {
                    byKey.put(s.key(), s);
                }
            }
            if (!byKey.isEmpty()) {
                out.put(runId, byKey);
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> keysOfProject(String project) {
        Map<String, Long> counts = new TreeMap<>();
        for (String runId : runs.idsOf(project)) {
            byRun.getOrDefault(runId, new ConcurrentSkipListMap<>()).keySet()
                    .forEach(k -> counts.merge(k, 1L, Long::sum));
        }
        return counts;
    }

    @Override
    public List<MetricPoint> read(String runId, String key, long fromStep, long toStep, long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        MemorySeries s = series(runId, key);
        return s == null ? List.of() : s.read(fromStep, toStep, offset, limit);
    }

    @Override
    public List<SeriesBucket> downsample(String runId, String key, long fromStep, long toStep, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        MemorySeries s = series(runId, key);
        return s == null ? List.of() : s.downsample(fromStep, toStep, buckets);
    }

    @Override
    public long pointCount() {
        return points.get();
    }
}
