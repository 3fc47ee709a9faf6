package dev.observatory.analysis.moments;

/**
 * Tuning of {@link CriticalMoments#detect}. {@link #DEFAULTS} were tuned on the labelled synthetic benchmark
 * ({@code dev.observatory.analysis.benchmark}, tuning seeds only).
 *
 * @param jumpZ
 *            z score (jump / its noise standard error) a breakthrough or drop must reach, > 0
 * @param minRelativeChange
 *            smallest level change reported as a breakthrough or drop, as a fraction of the level (log scale) or of the
 *            curve's range (when values can be <= 0), > 0
 * @param kinkZ
 *            z score of the slope change that ends a plateau, > 0
 * @param minPlateauFraction
 *            shortest plateau, as a fraction of the run, in (0, 1)
 * @param divergenceFactor
 *            growth over the best level (times) that counts as a blow-up when values are positive, > 1; for series with
 *            values <= 0 a blow-up is a move beyond the best by {@code divergenceFactor - 1} times the range seen
 *            before
 * @param maxPoints
 *            longer series are averaged into this many equal-width step buckets first (bounds the cost), >= 64
 */
public record MomentOptions(double jumpZ, double minRelativeChange, double kinkZ, double minPlateauFraction,
        double divergenceFactor, int maxPoints) {

    /** The defaults. */
    public static final MomentOptions DEFAULTS = new MomentOptions(5.0, 0.03, 5.0, 0.05, 3.0, 1024);

    public MomentOptions {
        if (!(jumpZ > 0) || !(kinkZ > 0)) {
            throw new IllegalArgumentException("jumpZ and kinkZ must be > 0, got " + jumpZ + ", " + kinkZ);
        }
        if (!(minRelativeChange > 0)) {
            throw new IllegalArgumentException("minRelativeChange must be > 0, got " + minRelativeChange);
        }
        if (!(minPlateauFraction > 0 && minPlateauFraction < 1)) {
            throw new IllegalArgumentException("minPlateauFraction must be in (0, 1), got " + minPlateauFraction);
        }
        if (!(divergenceFactor > 1)) {
            throw new IllegalArgumentException("divergenceFactor must be > 1, got " + divergenceFactor);
        }
        if (maxPoints < 64) {
            throw new IllegalArgumentException("maxPoints must be at least 64, got " + maxPoints);
        }
    }
}
