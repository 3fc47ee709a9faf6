package dev.observatory.store.internal;

import java.math.BigInteger;

/**
 * The step buckets of M4 downsampling (docs/decisions/0042-m4-aligned-buckets.md). {@code [lo, hi]} is the requested
 * range clamped to the steps the series has (so an unbounded range spans the data), {@code width = hi - lo + 1}. The
 * range is cut into cells of {@code align} steps at multiples of {@code align} (a power of two, the largest one that is
 * at most {@code width / (8 * buckets)}, or 1), and a step falls into the bucket of its cell's first step:
 * {@code bucket = (max(lo, step & -align) - lo) * buckets / width} in integer arithmetic. So there are at most
 * {@code buckets} buckets, the same number as with equal-width buckets ({@code align = 1}), and every bucket edge is
 * the equal-width edge moved up to the next multiple of {@code align}: by less than an eighth of a bucket. Aligned
 * edges let a store answer a long series from per-block summaries without reading raw points at the edges. Exact for
 * any long steps. Public only so that every backend buckets alike.
 */
public final class StepBuckets {

    /**
     * System property that turns the alignment off ({@code align = 1}, the equal-width buckets before decision 0042):
     * the benchmarks' in-run baseline only.
     */
    public static final String LEGACY_PROPERTY = "observatory.m4EqualWidthBuckets";

    /** Edges move by less than {@code 1 / EDGE_SLACK} of a bucket. */
    private static final long EDGE_SLACK = 8;

    private final long lo;
    private final long hi;
    private final int buckets;
    private final long width;
    private final long align;
    private final BigInteger bigWidth;

    private StepBuckets(long lo, long hi, int buckets) {
        this.lo = lo;
        this.hi = hi;
        this.buckets = buckets;
        long w = hi - lo + 1;
        boolean fits = hi - lo >= 0 && hi - lo < Long.MAX_VALUE && w <= Long.MAX_VALUE / buckets;
        this.width = fits ? w : -1;
        this.bigWidth = BigInteger.valueOf(hi).subtract(BigInteger.valueOf(lo)).add(BigInteger.ONE);
        this.align = Boolean.getBoolean(LEGACY_PROPERTY) ? 1 : alignment(bigWidth, buckets);
    }

    /** The largest power of two that is at most {@code width / (8 * buckets)}, at least 1. */
    static long alignment(BigInteger width, int buckets) {
        long cells = width.divide(BigInteger.valueOf(EDGE_SLACK * buckets)).longValue();
        return cells < 1 ? 1 : Long.highestOneBit(cells);
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

    /** The cell size: a power of two; bucket edges other than {@code lo} are multiples of it. */
    public long align() {
        return align;
    }

    /** The bucket index of a step in {@code [lo, hi]}. */
    public long of(long step) {
        long cell = Math.max(lo, step & -align);
        if (width > 0) {
            return (cell - lo) * buckets / width;
        }
        return BigInteger.valueOf(cell).subtract(BigInteger.valueOf(lo)).multiply(BigInteger.valueOf(buckets))
                .divide(bigWidth).longValueExact();
    }
}
