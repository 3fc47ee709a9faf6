package dev.observatory.analysis;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and last point and, from each of
 * {@code threshold - 2} equal-count buckets in between, the point forming the largest triangle with the point kept
 * before it and the average of the next bucket. Visually faithful with a fixed output size; unlike {@link M4} it does
 * not keep every extreme.
 * <p>
 * Points whose value is NaN or infinite are skipped. Input steps need not be sorted (an unsorted input is sorted by
 * step, ties in input order, at the cost of a copy); the result is ordered by step.
 */
public final class Lttb {

    private Lttb() {
    }

    /**
     * Downsamples a series to at most {@code threshold} points (all finite points when there are not more).
     *
     * @param threshold
     *            number of points to keep, at least 2
     */
    public static Downsampled downsample(long[] steps, double[] values, int threshold) {
        Series.checkSameLength(steps, values);
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold must be at least 2, got " + threshold);
        }
        int[] order = finiteInStepOrder(steps, values);
        int n = order.length;
        int nonFinite = steps.length - n;
        int kept = Math.min(n, threshold);
        long[] outSteps = new long[kept];
        double[] outValues = new double[kept];
        if (n <= threshold) {
            for (int i = 0; i < n; i++) {
                outSteps[i] = steps[order[i]];
                outValues[i] = values[order[i]];
            }
            return new Downsampled(outSteps, outValues, steps.length, nonFinite);
        }
        int[] picked = pick(steps, values, order, threshold);
        for (int i = 0; i < kept; i++) {
            outSteps[i] = steps[picked[i]];
            outValues[i] = values[picked[i]];
        }
        return new Downsampled(outSteps, outValues, steps.length, nonFinite);
    }

    /** Indices (into steps/values) of the kept points, {@code n > threshold >= 2}. */
    private static int[] pick(long[] steps, double[] values, int[] order, int threshold) {
        int n = order.length;
        long origin = steps[order[0]];
        int[] picked = new int[threshold];
        picked[0] = order[0];
        double every = (double) (n - 2) / (threshold - 2);
        int a = 0;
        for (int i = 0; i < threshold - 2; i++) {
            int avgStart = (int) Math.floor((i + 1) * every) + 1;
            int avgEnd = Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            for (int j = avgStart; j < avgEnd; j++) {
                avgX += steps[order[j]] - origin;
                avgY += values[order[j]];
            }
            avgX /= avgEnd - avgStart;
            avgY /= avgEnd - avgStart;
            double ax = steps[order[a]] - origin;
            double ay = values[order[a]];
            int from = (int) Math.floor(i * every) + 1;
            int to = (int) Math.floor((i + 1) * every) + 1;
            double maxArea = -1;
            int next = from;
            for (int j = from; j < to; j++) {
                double area = Math
                        .abs((ax - avgX) * (values[order[j]] - ay) - (ax - (steps[order[j]] - origin)) * (avgY - ay));
                if (area > maxArea) {
                    maxArea = area;
                    next = j;
                }
            }
            picked[i + 1] = order[next];
            a = next;
        }
        picked[threshold - 1] = order[n - 1];
        return picked;
    }

    private static int[] finiteInStepOrder(long[] steps, double[] values) {
        int[] finite = new int[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                finite[n++] = i;
            }
        }
        int[] order = n == finite.length ? finite : Arrays.copyOf(finite, n);
        if (Series.isSorted(steps)) {
            return order;
        }
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, Comparator.comparingLong(i -> steps[i]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
}
