package dev.observatory.core.slo;

import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.Row;
import dev.observatory.model.slo.LatencyBuckets;
import dev.observatory.model.slo.SliCounts;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus-style histogram's increase per {@code le} bound (seconds, cumulative) as SLI counts: the events of each
 * of its buckets spread evenly over the SLI latency buckets it overlaps, the {@code +Inf} bucket's above its last
 * bound. Counts stay whole: cumulative sums are rounded, so the buckets add up to the (rounded) total.
 */
final class HistogramSli {
    private HistogramSli() {
    }

    static SliCounts counts(QueryResult r) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (Row row : r.rows()) {
            String le = row.labels().get("le");
            double v = row.values()[row.values().length - 1];
            if (le == null || Double.isNaN(v)) {
                continue;
            }
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            cumulative.merge(bound, v, Double::sum);
        }
        double[] spread = new double[LatencyBuckets.COUNT];
        double prevBound = 0;
        double prevCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            double count = Math.max(prevCount, e.getValue());
            double n = count - prevCount;
            if (n > 0) {
                spread(spread, prevBound * 1e9, e.getKey() * 1e9, n);
            }
            prevBound = Double.isInfinite(e.getKey()) ? prevBound : e.getKey();
            prevCount = count;
        }
        long[] buckets = new long[LatencyBuckets.COUNT];
        double running = 0;
        long done = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += spread[i];
            long upTo = Math.round(running);
            buckets[i] = upTo - done;
            done = upTo;
        }
        return new SliCounts(done, 0, buckets);
    }

    /** Adds n events spread evenly over (lo, hi] nanoseconds; an infinite hi puts them just above lo. */
    private static void spread(double[] out, double lo, double hi, double n) {
        if (Double.isInfinite(hi) || hi <= lo) {
            out[LatencyBuckets.index((long) lo + 1)] += n;
            return;
        }
        for (int i = LatencyBuckets.index((long) lo + 1); i < LatencyBuckets.COUNT; i++) {
            double bLo = LatencyBuckets.lowerNanos(i);
            double bHi = LatencyBuckets.upperNanos(i) == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
                    : LatencyBuckets.upperNanos(i);
            double overlap = Math.min(hi, bHi) - Math.max(lo, bLo);
            if (overlap > 0) {
                out[i] += n * overlap / (hi - lo);
            }
            if (bHi >= hi) {
                break;
            }
        }
    }
}
