package dev.observatory.store.tests;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.SeriesBucket;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain M4 downsampler that the contract compares backends with (docs/decisions/0042-m4-aligned-buckets.md): with
 * {@code width = to - from + 1} and {@code align} the largest power of two that is at most
 * {@code width / (8 * buckets)} (at least 1), a step's cell starts at {@code max(from, floor(step / align) * align)}
 * and its bucket is {@code (cellStart - from) * buckets / width} (integer division); per bucket the first/last point
 * (by step) and the min/max point of the finite values. Only for series whose points span the whole {@code [from, to]}
 * range; {@link #clamped} clamps a request to the series first, as a store does.
 */
final class M4Reference {

    private M4Reference() {
    }

    /** The chart of a request {@code [from, to]} over any series: the range clamped to the series' steps first. */
    static List<SeriesBucket> clamped(MetricColumns c, long from, long to, int buckets) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : c.steps()) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        long lo = Math.max(from, min);
        long hi = Math.min(to, max);
        return lo > hi ? List.of() : buckets(c, lo, hi, buckets);
    }

    /** The cell size of a request: the largest power of two at most {@code width / (8 * buckets)}, at least 1. */
    static long align(long from, long to, int buckets) {
        BigInteger width = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from)).add(BigInteger.ONE);
        BigInteger cells = width.divide(BigInteger.valueOf(8L * buckets));
        long align = 1;
        while (BigInteger.valueOf(align).shiftLeft(1).compareTo(cells) <= 0) {
            align <<= 1;
        }
        return align;
    }

    private static long bucketOf(long step, long from, BigInteger width, long align, int buckets) {
        BigInteger s = BigInteger.valueOf(step);
        BigInteger cell = s.subtract(s.mod(BigInteger.valueOf(align))).max(BigInteger.valueOf(from));
        return cell.subtract(BigInteger.valueOf(from)).multiply(BigInteger.valueOf(buckets)).divide(width)
                .longValueExact();
    }

    static List<SeriesBucket> buckets(MetricColumns c, long from, long to, int buckets) {
        Map<Long, List<Integer>> byBucket = new TreeMap<>();
        BigInteger width = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from)).add(BigInteger.ONE);
        long align = align(from, to, buckets);
        for (int i = 0; i < c.size(); i++) {
            long step = c.steps()[i];
            if (step < from || step > to) {
                continue;
            }
            byBucket.computeIfAbsent(bucketOf(step, from, width, align, buckets), b -> new ArrayList<>()).add(i);
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
            long anyFirst = points.stream().mapToLong(i -> c.steps()[i]).min().orElseThrow();
            long anyLast = points.stream().mapToLong(i -> c.steps()[i]).max().orElseThrow();
            return new SeriesBucket(anyFirst, Double.NaN, anyLast, Double.NaN, anyFirst, Double.NaN, anyFirst,
                    Double.NaN, points.size(), nan);
        }
        return new SeriesBucket(c.steps()[first], c.values()[first], c.steps()[last], c.values()[last], c.steps()[min],
                c.values()[min], c.steps()[max], c.values()[max], points.size(), nan);
    }
}
