package dev.observatory.store.tests;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.SeriesBucket;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain M4 downsampler that the contract compares backends with: bucket =
 * {@code (step - from) * buckets / (to - from + 1)} (integer division), and per bucket the first/last point (by step)
 * and the min/max point of the finite values. Only for series whose points span the whole {@code [from, to]} range.
 */
final class M4Reference {

    private M4Reference() {
    }

    static List<SeriesBucket> buckets(MetricColumns c, long from, long to, int buckets) {
        Map<Long, List<Integer>> byBucket = new TreeMap<>();
        BigInteger width = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from)).add(BigInteger.ONE);
        for (int i = 0; i < c.size(); i++) {
            long step = c.steps()[i];
            if (step < from || step > to) {
                continue;
            }
            long bucket = BigInteger.valueOf(step).subtract(BigInteger.valueOf(from))
                    .multiply(BigInteger.valueOf(buckets)).divide(width).longValueExact();
            byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(i);
        }
        List<SeriesBucket> out = new ArrayList<>();
        for (List<Integer> points : byBucket.values()) {
            out.add(bucket(c, points));
        }
        return out;
    }

    private static SeriesBucket bucket(MetricColumns c, List<Integer> points) {
        int first = -1;
        int last = -1;
        int min = -1;
        int max = -1;
        long nan = 0;
        for (int i : points) {
            double v = c.values()[i];
            if (!Double.isFinite(v)) {
                nan++;
                continue;
            }
            long step = c.steps()[i];
            if (first < 0 || step < c.steps()[first]) {
                first = i;
            }
            if (last < 0 || step >= c.steps()[last]) {
                last = i;
            }
            if (min < 0 || v < c.values()[min]) {
                min = i;
            }
            if (max < 0 || v > c.values()[max]) {
                max = i;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("the reference needs a finite value in every bucket");
        }
        return new SeriesBucket(c.steps()[first], c.values()[first], c.steps()[last], c.values()[last], c.steps()[min],
                c.values()[min], c.steps()[max], c.values()[max], points.size(), nan);
    }
}
