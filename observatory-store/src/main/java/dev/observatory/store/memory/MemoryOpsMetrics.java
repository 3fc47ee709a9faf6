package dev.observatory.store.memory;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.OpsMetricStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Service metrics in memory: one sorted map of time to value per series, under one lock. */
final class MemoryOpsMetrics implements OpsMetricStore {

    private record Stored(OpsSeries series, TreeMap<Long, Double> points) {
    }

    private final Map<Long, Stored> byId = new HashMap<>();
    private final Map<String, List<Stored>> byName = new HashMap<>();
    private long count;

    @Override
    public synchronized void append(List<OpsSamples> batches) {
        for (OpsSamples b : batches) {
            Stored s = byId.computeIfAbsent(b.series().id(), id -> {
                Stored n = new Stored(b.series(), new TreeMap<>());
                byName.computeIfAbsent(b.series().name(), k -> new ArrayList<>()).add(n);
                return n;
            });
            for (int i = 0; i < b.size(); i++) {
                if (s.points.put(b.times()[i], b.values()[i]) == null) {
                    count++;
                }
            }
        }
    }

    @Override
    public synchronized List<OpsSeries> series(String name) {
        return byName.getOrDefault(name, List.of()).stream().map(Stored::series).toList();
    }

    @Override
    public synchronized List<String> names() {
        return List.copyOf(new TreeSet<>(byName.keySet()));
    }

    @Override
    public synchronized List<OpsSamples> samples(List<OpsSeries> series, long fromMs, long toMs) {
        List<OpsSamples> out = new ArrayList<>(series.size());
        for (OpsSeries s : series) {
            Stored st = byId.get(s.id());
            NavigableMap<Long, Double> range = st == null || fromMs > toMs ? new TreeMap<>()
                    : st.points.subMap(fromMs, true, toMs, true);
            long[] t = new long[range.size()];
            double[] v = new double[range.size()];
            int i = 0;
            for (Map.Entry<Long, Double> e : range.entrySet()) {
                t[i] = e.getKey();
                v[i++] = e.getValue();
            }
            out.add(new OpsSamples(s, t, v));
        }
        return out;
    }

    @Override
    public synchronized Map<Long, Double> lastValues(Collection<Long> seriesIds) {
        Map<Long, Double> out = new HashMap<>();
        for (Long id : seriesIds) {
            Stored s = byId.get(id);
            if (s != null && !s.points.isEmpty()) {
                out.put(id, s.points.lastEntry().getValue());
            }
        }
        return out;
    }

    @Override
    public synchronized long deleteBefore(long timeMs) {
        long deleted = 0;
        for (Stored s : List.copyOf(byId.values())) {
            NavigableMap<Long, Double> old = s.points.headMap(timeMs, false);
            deleted += old.size();
            old.clear();
            if (s.points.isEmpty()) {
                byId.remove(s.series.id());
                List<Stored> named = byName.get(s.series.name());
                named.remove(s);
                if (named.isEmpty()) {
                    byName.remove(s.series.name());
                }
            }
        }
        count -= deleted;
        return deleted;
    }

    @Override
    public synchronized long countSamples() {
        return count;
    }
}
