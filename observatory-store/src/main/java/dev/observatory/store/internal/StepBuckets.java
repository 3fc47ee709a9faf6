package dev.observatory.store.internal;

import java.math.BigInteger;

/**
 * The equal-width step buckets of M4 downsampling: {@code bucket = (step - lo) * buckets / (hi - lo + 1)} in integer
 * arithmetic, where {@code [lo, hi]} is the requested range clamped to the steps the series has (so an unbounded range
 * spans the data). Exact for any long steps. Public only so that every backend buckets alike.
 */
public final class StepBuckets {

    private final long lo;
    private final long hi;
    private final int buckets;
    private final long width;
    private final BigInteger bigWidth;

    private StepBuckets(long lo, long hi, int buckets) {
        this.lo = lo;
        this.hi = hi;
        this.buckets = buckets;
        long w = hi - lo + 1;
        boolean fits = hi - lo >= 0 && hi - lo < Long.MAX_VALUE && w <= Long.MAX_VALUE / buckets;
        this.width = fits ? w : -1;
        this.bigWidth = BigInteger.valueOf(hi).subtract(BigInteger.valueOf(lo)).add(BigInteger.ONE);
    }

    /**
     * Buckets for a request over a series whose steps span {@code [seriesMinStep, seriesMaxStep]}; null when the range
     * holds no step of the series. IllegalArgumentException when buckets < 1.
     */
    public static StepBuckets of(long from, long to, int buckets, long seriesMinStep, long seriesMaxStep) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        long lo = Math.max(from, seriesMinStep);
        long hi = Math.min(to, seriesMaxStep);
        return lo > hi ? null : new StepBuckets(lo, hi, buckets);
    }

    /** The clamped lower bound of the range. */
    public long lo() {
        return lo;
    }

    /** The clamped upper bound of the range. */
    public long hi() {
        return hi;
    }

    /** Width of the clamped range, or -1 when {@code width * buckets} does not fit a long (use wide arithmetic). */
    public long width() {
        return width;
    }

    /** The bucket index of a step in {@code [lo, hi]}. */
    public long of(long step) {
        if (width > 0) {
            return (step - lo) * buckets / width;
        }
        return BigInteger.valueOf(step).subtract(BigInteger.valueOf(lo)).multiply(BigInteger.valueOf(buckets))
                .divide(bigWidth).longValueExact();
    }
}
