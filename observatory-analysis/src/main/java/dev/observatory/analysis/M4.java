package dev.observatory.analysis;

import java.util.Arrays;

/**
 * M4 downsampling (Jugel et al., VLDB 2014): the step range is cut into equal-width buckets and each bucket keeps its
 * first, last, minimum and maximum point. A line chart with one bucket per pixel column drawn from these points looks
 * exactly like the chart of the full series.
 * <p>
 * First and last are by step (ties: the earlier resp. later point of the input); they may be NaN or infinite. Minimum
 * and maximum are taken over finite values only (ties: the earlier point of the input). Input steps need not be sorted;
 * the result is ordered by step (ties: input order) and holds each input point at most once.
 */
public final class M4 {

    private M4() {
    }

    /**
     * Downsamples a series to at most {@code 4 * buckets} points.
     *
     * @param steps
     *            the x values, any order
     * @param values
     *            the y values, same length as steps; NaN and infinities are allowed
     * @param buckets
     *            number of equal-width step buckets, at least 1 (typically the chart width in pixels)
     */
    public static Downsampled downsample(long[] steps, double[] values, int buckets) {
        Series.checkSameLength(steps, values);
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        int n = steps.length;
        if (n == 0) {
            return new Downsampled(new long[0], new double[0], 0, 0);
        }
        long lo = steps[0];
        long hi = steps[0];
        for (long s : steps) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        int[] first = filled(buckets);
        int[] last = filled(buckets);
        int[] min = filled(buckets);
        int[] max = filled(buckets);
        int nonFinite = 0;
        long span = hi - lo;
        for (int i = 0; i < n; i++) {
            long s = steps[i];
            int b = bucketOf(s - lo, span, buckets);
            if (first[b] < 0 || s < steps[first[b]]) {
                first[b] = i;
            }
            if (last[b] < 0 || s >= steps[last[b]]) {
                last[b] = i;
            }
            double v = values[i];
            if (!Double.isFinite(v)) {
                nonFinite++;
                continue;
            }
            if (min[b] < 0 || v < values[min[b]]) {
                min[b] = i;
            }
            if (max[b] < 0 || v > values[max[b]]) {
                max[b] = i;
            }
        }
        return collect(steps, values, new int[][] { first, last, min, max }, nonFinite);
    }

    private static Downsampled collect(long[] steps, double[] values, int[][] picks, int nonFinite) {
        int buckets = picks[0].length;
        long[] outSteps = new long[Math.min(4 * buckets, steps.length)];
        double[] outValues = new double[outSteps.length];
        int[] kept = new int[4];
        int size = 0;
        for (int b = 0; b < buckets; b++) {
            int k = 0;
            for (int[] pick : picks) {
                int idx = pick[b];
                if (idx >= 0 && !contains(kept, k, idx)) {
                    k = insertByStep(kept, k, idx, steps);
                }
            }
            for (int j = 0; j < k; j++) {
                outSteps[size] = steps[kept[j]];
                outValues[size] = values[kept[j]];
                size++;
            }
        }
        return new Downsampled(Arrays.copyOf(outSteps, size), Arrays.copyOf(outValues, size), steps.length, nonFinite);
    }

    /** Inserts idx into kept[0..k) keeping order by (step, index); returns the new length. */
    private static int insertByStep(int[] kept, int k, int idx, long[] steps) {
        int j = k;
        while (j > 0 && (steps[kept[j - 1]] > steps[idx] || steps[kept[j - 1]] == steps[idx] && kept[j - 1] > idx)) {
            kept[j] = kept[j - 1];
            j--;
        }
        kept[j] = idx;
        return k + 1;
    }

    private static boolean contains(int[] a, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (a[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static int[] filled(int size) {
        int[] a = new int[size];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * Bucket of a point at {@code offset} from the lowest step, where {@code span} is highest minus lowest step; both
     * are read as unsigned so that any long step range works.
     */
    static int bucketOf(long offset, long span, int buckets) {
        if (span >= 0 && span < Long.MAX_VALUE / buckets) {
            return (int) (offset * buckets / (span + 1));
        }
        double fraction = unsigned(offset) / (unsigned(span) + 1.0);
        return (int) Math.min(buckets - 1, (long) (fraction * buckets));
    }

    private static double unsigned(long x) {
        return x >= 0 ? x : (x >>> 1) * 2.0 + (x & 1);
    }
}
