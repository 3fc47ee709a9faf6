package dev.observatory.model.slo;

/**
 * The fixed latency buckets of SLI histograms and rollups: upper bounds (inclusive) of 1, 1.5, 2, 2.5, 3, 4, 5, 6 and
 * 7.5 times each power of ten from 100 µs to 750 s, then one overflow bucket. Round thresholds (100 ms, 250 ms, 2 s, 5
 * s, ...) fall on a bound, so "faster than the threshold" is counted exactly; a threshold between bounds is
 * interpolated inside its bucket.
 */
public final class LatencyBuckets {
    private static final double[] MANTISSAS = { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 };
    private static final int FIRST_DECADE = 5; // 1e5 ns = 100 µs
    private static final int DECADES = 7; // up to 7.5e11 ns = 750 s

    /** Upper bounds in nanoseconds of every bucket but the last (which is unbounded). */
    private static final long[] UPPER = upperBounds();

    /** Number of buckets, the overflow bucket included. */
    public static final int COUNT = UPPER.length + 1;

    private LatencyBuckets() {
    }

    private static long[] upperBounds() {
        long[] out = new long[MANTISSAS.length * DECADES];
        int i = 0;
        for (int d = 0; d < DECADES; d++) {
            long pow = (long) Math.pow(10, FIRST_DECADE + d);
            for (double m : MANTISSAS) {
                out[i++] = Math.round(m * pow);
            }
        }
        return out;
    }

    /** The inclusive upper bound of bucket {@code i} in nanoseconds; Long.MAX_VALUE for the overflow bucket. */
    public static long upperNanos(int i) {
        return i < UPPER.length ? UPPER[i] : Long.MAX_VALUE;
    }

    /** The exclusive lower bound of bucket {@code i} in nanoseconds (0 for the first). */
    public static long lowerNanos(int i) {
        return i == 0 ? 0 : UPPER[i - 1];
    }

    /** The bucket of a duration. */
    public static int index(long durationNanos) {
        int lo = 0;
        int hi = UPPER.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (UPPER[mid] >= durationNanos) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Whether the duration is exactly a bucket bound (then counts below it are exact). */
    public static boolean isBound(long nanos) {
        return index(nanos) < UPPER.length && UPPER[index(nanos)] == nanos;
    }
}
