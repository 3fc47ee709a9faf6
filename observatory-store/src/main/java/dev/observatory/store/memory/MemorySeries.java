package dev.observatory.store.memory;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import dev.observatory.store.internal.SeriesSummary;
import dev.observatory.store.internal.StepBuckets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One metric series in growable arrays, in ingest order, with its running summary; every method locks. */
final class MemorySeries {

    private long[] steps = new long[16];
    private double[] values = new double[16];
    private long[] timestamps = new long[16];
    private int size;
    private boolean ascending = true;
    private final SeriesSummary summary = new SeriesSummary();

    synchronized void append(MetricColumns c) {
        int n = c.size();
        if (size + n > steps.length) {
            int capacity = Math.max(size + n, steps.length * 2);
            steps = Arrays.copyOf(steps, capacity);
            values = Arrays.copyOf(values, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
        }
        for (int i = 0; i < n; i++) {
            long step = c.steps()[i];
            if (size > 0 && step < steps[size - 1]) {
                ascending = false;
            }
            steps[size] = step;
            values[size] = c.values()[i];
            timestamps[size] = c.timestampsMs()[i];
            size++;
        }
        summary.add(c);
    }

    synchronized MetricSummary summary(String key) {
        return summary.toSummary(key);
    }

    synchronized int size() {
        return size;
    }

    synchronized List<MetricPoint> read(long from, long to, long offset, int limit) {
        List<MetricPoint> out = new ArrayList<>();
        long skipped = 0;
        for (int i : stepOrder()) {
            if (steps[i] < from || steps[i] > to) {
                continue;
            }
            if (skipped++ < offset) {
                continue;
            }
            if (out.size() == limit) {
                break;
            }
            out.add(new MetricPoint(steps[i], values[i], timestamps[i]));
        }
        return out;
    }

    synchronized List<SeriesBucket> downsample(long from, long to, int bucketCount) {
        StepBuckets buckets = StepBuckets.of(from, to, bucketCount, summary.minStep(), summary.maxStep());
        if (buckets == null || size == 0) {
            return List.of();
        }
        Map<Long, M4Bucket> byIndex = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            long step = steps[i];
            if (step >= buckets.lo() && step <= buckets.hi()) {
                byIndex.computeIfAbsent(buckets.of(step), b -> new M4Bucket()).add(step, values[i]);
            }
        }
        return byIndex.values().stream().map(M4Bucket::toBucket).toList();
    }

    /** Indexes in step order, ties in ingest order. */
    private int[] stepOrder() {
        if (ascending) {
            int[] order = new int[size];
            Arrays.setAll(order, i -> i);
            return order;
        }
        Integer[] boxed = new Integer[size];
        Arrays.setAll(boxed, i -> i);
        Arrays.sort(boxed, (a, b) -> Long.compare(steps[a], steps[b])); // stable: ties keep ingest order
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
}
