package dev.observatory.core.opsmetrics;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.store.OpsMetricStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns delta sums into cumulative series (as Prometheus stores counters): the running total per series, started from
 * the last stored value after a restart. One per tracking; calls are serialised.
 */
final class DeltaState {
    private final Map<Long, Double> totals = new HashMap<>();

    synchronized List<OpsSamples> cumulative(List<OpsSamples> deltas, OpsMetricStore store) {
        List<Long> unknown = deltas.stream().map(d -> d.series().id()).filter(id -> !totals.containsKey(id)).distinct()
                .toList();
        if (!unknown.isEmpty()) {
            totals.putAll(store.lastValues(unknown));
        }
        List<OpsSamples> out = new ArrayList<>(deltas.size());
        for (OpsSamples d : deltas) {
            long id = d.series().id();
            double total = totals.getOrDefault(id, 0.0);
            double[] v = new double[d.size()];
            for (int i = 0; i < v.length; i++) {
                total += d.values()[i];
                v[i] = total;
            }
            totals.put(id, total);
            out.add(new OpsSamples(d.series(), d.times(), v));
        }
        return out;
    }
}
