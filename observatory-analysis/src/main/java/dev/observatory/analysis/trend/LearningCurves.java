package dev.observatory.analysis.trend;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Curve;
import dev.observatory.analysis.Direction;
import dev.observatory.analysis.LinearFit;
import dev.observatory.analysis.Smoothing;

/**
 * Learning-curve analyses: trend and learning velocity, convergence, and the train/eval overfitting signal.
 * <p>
 * Input handling (all methods): steps and values of different lengths throw {@link IllegalArgumentException}; unsorted
 * steps are sorted, duplicate steps keep the last point, NaN/infinite values are left out (see {@link Curve}). Too few
 * finite points give an INSUFFICIENT_DATA result, never an exception and never NaN. The curve is smoothed with a
 * debiased EMA whose span is 1% of the points ({@link #smoothed}).
 */
public final class LearningCurves {

    /** Default share of the run's steps that make up the "recent" window of {@link #trend}. */
    public static final double DEFAULT_RECENT_FRACTION = 0.2;
    /** Default |windowChange| below which a trend is "flat" (1% of the curve's scale). */
    public static final double DEFAULT_FLAT_THRESHOLD = 0.01;

    private LearningCurves() {
    }

    /** {@link #trend(long[], double[], Direction, double, double)} with the default window and flat threshold. */
    public static TrendResult trend(long[] steps, double[] values, Direction direction) {
        return trend(steps, values, direction, DEFAULT_RECENT_FRACTION, DEFAULT_FLAT_THRESHOLD);
    }

    /**
     * Trend and learning velocity: the least-squares slope of the smoothed curve over the last {@code recentFraction}
     * of the run's steps, per 1,000 steps, normalised by the curve's scale. Needs 3 finite points.
     *
     * @param recentFraction
     *            share of the step range forming the recent window, in (0, 1]
     * @param flatThreshold
     *            |improvement over the window| / scale below which the trend is "flat", >= 0
     */
    public static TrendResult trend(long[] steps, double[] values, Direction direction, double recentFraction,
            double flatThreshold) {
        checkFraction("recentFraction", recentFraction);
        if (!(flatThreshold >= 0)) {
            throw new IllegalArgumentException("flatThreshold must be >= 0, got " + flatThreshold);
        }
        Curve curve = Curve.of(steps, values);
        int n = curve.size();
        if (n < 3) {
            return TrendResult.insufficient(direction, n, "need at least 3 finite points, got " + n);
        }
        double[] s = smoothed(curve.values());
        long[] x = curve.steps();
        int from = Math.min(n - 3, curve.indexAtOrAfter(x[n - 1] - Math.round((x[n - 1] - x[0]) * recentFraction)));
        double min = s[0];
        double max = s[0];
        for (double v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) {
            return new TrendResult(AnalysisStatus.CONSTANT_SERIES, "every value is " + min, direction, n, x[from],
                    x[n - 1], 0.0, 0.0, 0.0, null, 0.0, "flat", s[n - 1]);
        }
        double scale = max - min;
        LinearFit fit = LinearFit.of(x, s, from, n);
        double slope1k = fit.slope() * 1000;
        double velocity = direction.sign() * slope1k / scale;
        double overall = direction.sign() * (s[n - 1] - s[0]) / scale * 1000 / (x[n - 1] - x[0]);
        double windowChange = velocity * (x[n - 1] - x[from]) / 1000;
        String trend = Math.abs(windowChange) < flatThreshold ? "flat" : windowChange > 0 ? "improving" : "worsening";
        return new TrendResult(AnalysisStatus.OK, "", direction, n, x[from], x[n - 1], slope1k, velocity, overall,
                scale, windowChange, trend, s[n - 1]);
    }

    /** {@link #convergence(long[], double[], Direction, double, double)} with a 10% window and a 1% threshold. */
    public static ConvergenceResult convergence(long[] steps, double[] values, Direction direction) {
        return convergence(steps, values, direction, 0.1, 0.01);
    }

    /**
     * Convergence: the first step from which the smoothed curve's improvement over a trailing window of
     * {@code windowFraction} of the run's steps stays below {@code threshold}, relative to the smoothed value one
     * window earlier (or to the curve's range when that value is within 10% of the range from zero, so that metrics
     * near 0 behave). Getting worse counts as not improving. Needs 3 finite points spanning more than one window.
     *
     * @param windowFraction
     *            trailing window as a share of the run's step range, in (0, 1)
     * @param threshold
     *            relative improvement below which the curve counts as converged, >= 0 (0.01 = 1%)
     */
    public static ConvergenceResult convergence(long[] steps, double[] values, Direction direction,
            double windowFraction, double threshold) {
        checkFraction("windowFraction", windowFraction);
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        }
        Curve curve = Curve.of(steps, values);
        int n = curve.size();
        if (n < 3) {
            return new ConvergenceResult(AnalysisStatus.INSUFFICIENT_DATA, "need at least 3 finite points, got " + n,
                    direction, false, null, null, threshold, 0);
        }
        long[] x = curve.steps();
        long window = Math.max(1, Math.round((x[n - 1] - x[0]) * windowFraction));
        double[] s = smoothed(curve.values());
        double min = s[0];
        double max = s[0];
        for (double v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) {
            return new ConvergenceResult(AnalysisStatus.CONSTANT_SERIES, "every value is " + min, direction, true, x[0],
                    0.0, threshold, window);
        }
        return converge(x, s, direction, window, threshold, max - min);
    }

    private static ConvergenceResult converge(long[] x, double[] s, Direction direction, long window, double threshold,
            double range) {
        int n = x.length;
        int j = 0;
        int firstWithWindow = -1;
        int lastAbove = -1;
        double lastRel = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] - x[0] < window) {
                continue;
            }
            while (x[i] - x[j + 1] >= window) {
                j++;
            }
            if (firstWithWindow < 0) {
                firstWithWindow = i;
            }
            double base = Math.abs(s[j]) < 0.1 * range ? range : Math.abs(s[j]);
            lastRel = direction.sign() * (s[i] - s[j]) / base;
            if (lastRel >= threshold) {
                lastAbove = i;
            }
        }
        if (firstWithWindow < 0) {
            return new ConvergenceResult(AnalysisStatus.INSUFFICIENT_DATA,
                    "the run spans less than one window of " + window + " steps", direction, false, null, null,
                    threshold, window);
        }
        boolean converged = lastAbove < n - 1;
        Long at = converged ? x[Math.max(lastAbove + 1, firstWithWindow)] : null;
        return new ConvergenceResult(AnalysisStatus.OK, "", direction, converged, at, lastRel, threshold, window);
    }

    /**
     * Train/eval overfitting signal (see {@link OverfittingResult}). The train curve is smoothed and interpolated at
     * each eval step; eval points outside the train curve's step range are ignored. Needs 3 such eval points.
     */
    public static OverfittingResult overfitting(long[] trainSteps, double[] trainValues, long[] evalSteps,
            double[] evalValues, Direction direction) {
        return Overfitting.analyse(Curve.of(trainSteps, trainValues), Curve.of(evalSteps, evalValues), direction);
    }

    /** The smoothing every analysis here uses: debiased EMA with span max(1, n/100), alpha = 2 / (span + 1). */
    public static double[] smoothed(double[] values) {
        double span = Math.max(1, values.length / 100.0);
        return Smoothing.debiasedEma(values, 2 / (span + 1));
    }

    private static void checkFraction(String name, double f) {
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + f);
        }
    }
}
