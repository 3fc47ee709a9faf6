package dev.observatory.analysis;

import java.util.Arrays;

/**
 * A metric series made ready for analysis: finite points only, steps strictly increasing. Built by
 * {@link #of(long[], double[])}, which every analysis of this module uses, so they all treat odd input the same way:
 * <ul>
 * <li>steps and values of different lengths: {@link IllegalArgumentException};</li>
 * <li>unsorted steps: sorted (a copy; the input is never changed);</li>
 * <li>duplicate steps: the point that comes last in the input wins (a re-logged step replaces the earlier one);</li>
 * <li>NaN and infinite values: left out of {@code values}, counted in {@code nonFiniteCount}; the first such step is
 * kept for divergence detection.</li>
 * </ul>
 * When the input is already clean the arrays are used as they are (no copy), so an analysis over a million points
 * allocates nothing here.
 *
 * @param steps
 *            finite points' steps, strictly increasing
 * @param values
 *            finite values, same length as steps
 * @param sourceCount
 *            number of input points
 * @param duplicateCount
 *            number of input points replaced by a later point with the same step
 * @param nonFiniteCount
 *            number of (deduplicated) points whose value was NaN or infinite
 * @param firstNonFiniteStep
 *            step of the first NaN/infinite point; {@link Long#MIN_VALUE} when there is none
 * @param nonFiniteTailFraction
 *            share (0..1) of the points from {@code firstNonFiniteStep} on that are non-finite; 1 means the series
 *            never recovered; 0 when there is no non-finite point
 */
public record Curve(long[] steps, double[] values, int sourceCount, int duplicateCount, int nonFiniteCount,
        long firstNonFiniteStep, double nonFiniteTailFraction) {

    /** Validates and normalises a series as described on the type. */
    public static Curve of(long[] steps, double[] values) {
        if (steps == null || values == null) {
            throw new IllegalArgumentException("steps and values must not be null");
        }
        if (steps.length != values.length) {
            throw new IllegalArgumentException(
                    "steps and values must have the same length (got " + steps.length + ", " + values.length + ")");
        }
        int n = steps.length;
        boolean clean = true;
        for (int i = 0; i < n && clean; i++) {
            clean = Double.isFinite(values[i]) && (i == 0 || steps[i] > steps[i - 1]);
        }
        if (clean) {
            return new Curve(steps, values, n, 0, 0, Long.MIN_VALUE, 0);
        }
        int[] order = Series.isSorted(steps) ? identity(n) : IndexSort.byStep(steps);
        return normalise(steps, values, order);
    }

    private static Curve normalise(long[] steps, double[] values, int[] order) {
        int n = order.length;
        long[] outSteps = new long[n];
        double[] outValues = new double[n];
        int kept = 0;
        int duplicates = 0;
        int nonFinite = 0;
        int tail = 0;
        long firstBad = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (k + 1 < n && steps[order[k + 1]] == steps[i]) {
                duplicates++;
                continue;
            }
            if (firstBad != Long.MIN_VALUE) {
                tail++;
            }
            if (!Double.isFinite(values[i])) {
                if (firstBad == Long.MIN_VALUE) {
                    firstBad = steps[i];
                    tail = 1;
                }
                nonFinite++;
                continue;
            }
            outSteps[kept] = steps[i];
            outValues[kept] = values[i];
            kept++;
        }
        double tailFraction = nonFinite == 0 ? 0 : (double) nonFinite / tail;
        return new Curve(Arrays.copyOf(outSteps, kept), Arrays.copyOf(outValues, kept), n, duplicates, nonFinite,
                firstBad, tailFraction);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Number of finite points. */
    public int size() {
        return steps.length;
    }

    /** Whether the input had a NaN or infinite value. */
    public boolean hasNonFinite() {
        return nonFiniteCount > 0;
    }

    /** The first {@code count} points (no copy when count is the size). */
    public Curve head(int count) {
        if (count >= steps.length) {
            return this;
        }
        return new Curve(Arrays.copyOf(steps, count), Arrays.copyOf(values, count), sourceCount, duplicateCount,
                nonFiniteCount, firstNonFiniteStep, nonFiniteTailFraction);
    }

    /** Index of the first point whose step is at least {@code step} ({@link #size()} when none). */
    public int indexAtOrAfter(long step) {
        int i = Arrays.binarySearch(steps, step);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * The series averaged into at most {@code maxPoints} equal-width step buckets (empty buckets are skipped; each kept
     * point has the rounded mean step and the mean value of its bucket). Returns this curve when it has no more than
     * {@code maxPoints} points. One pass, used to run the O(n)-per-point detectors on long series.
     */
    public Curve bucketMeans(int maxPoints) {
        int n = steps.length;
        if (n <= maxPoints) {
            return this;
        }
        long lo = steps[0];
        double width = ((double) steps[n - 1] - lo + 1) / maxPoints;
        long[] outSteps = new long[maxPoints];
        double[] outValues = new double[maxPoints];
        int kept = 0;
        int bucket = 0;
        double boundary = lo + width;
        double sumStep = 0;
        double sumValue = 0;
        int count = 0;
        for (int i = 0; i <= n; i++) {
            boolean close = i == n || steps[i] >= boundary && bucket < maxPoints - 1;
            if (close && count > 0) {
                outSteps[kept] = lo + Math.round(sumStep / count);
                outValues[kept] = sumValue / count;
                kept++;
                sumStep = 0;
                sumValue = 0;
                count = 0;
            }
            if (i == n) {
                break;
            }
            while (steps[i] >= boundary && bucket < maxPoints - 1) {
                bucket++;
                boundary = lo + width * (bucket + 1);
            }
            sumStep += steps[i] - lo;
            sumValue += values[i];
            count++;
        }
        return new Curve(Arrays.copyOf(outSteps, kept), Arrays.copyOf(outValues, kept), sourceCount, duplicateCount,
                nonFiniteCount, firstNonFiniteStep, nonFiniteTailFraction);
    }
}
