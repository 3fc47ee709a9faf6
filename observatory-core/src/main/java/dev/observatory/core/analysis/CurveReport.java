package dev.observatory.core.analysis;

import dev.observatory.analysis.Direction;
import dev.observatory.analysis.trend.ConvergenceResult;
import dev.observatory.analysis.trend.TrendResult;
import java.util.List;

/**
 * The learning curve of one metric: trend and learning velocity, convergence and a smoothed summary. "Smoothed" is the
 * debiased EMA every analysis uses ({@code LearningCurves.smoothed}, span 1% of the points).
 *
 * @param totalPoints
 *            points the series holds
 * @param analysedPoints
 *            finite points analysed
 * @param sampled
 *            true when the analysis ran on an M4 downsampling (the series was too long to read in full)
 * @param smoothedFirst
 *            smoothed value at the first step
 * @param smoothedLast
 *            smoothed value at the last step
 * @param best
 *            best smoothed value (lowest for a loss, highest otherwise)
 * @param bestStep
 *            step of {@code best}
 * @param relativeGain
 *            improvement from the first to the last smoothed value as a fraction of max(|first|, range); negative when
 *            the metric got worse
 * @param regressionFromBest
 *            how far the last smoothed value is behind the best, as a fraction of the smoothed range (0 = at its best)
 * @param t90RunFraction
 *            share of the run (by steps) it took to reach 90% of the total improvement; null when it never improved
 * @param noiseRatio
 *            standard deviation of the raw values around the smoothed curve over the second half of the run, as a
 *            fraction of the smoothed range; null when sampled
 * @param phase
 *            "learning" (still improving), "converged", "stalled" (flat without having improved), "regressing" (getting
 *            worse) or "diverged" (NaN/infinite values or a blow-up)
 * @param smoothed
 *            the smoothed curve as at most 24 bucket means, for a quick look
 */
public record CurveReport(String key, Direction direction, long totalPoints, int analysedPoints, boolean sampled,
        long firstStep, long lastStep, double smoothedFirst, double smoothedLast, double best, long bestStep,
        double relativeGain, double regressionFromBest, Double t90RunFraction, Double noiseRatio, String phase,
        TrendResult trend, ConvergenceResult convergence, List<CurvePoint> smoothed) {

    /** One point of a curve. */
    public record CurvePoint(long step, double value) {
    }
}
