package dev.observatory.analysis.trend;

import dev.observatory.analysis.AnalysisStatus;

/**
 * The train/eval generalisation gap and its trend. The gap is measured in the "bad" direction: for a loss it is
 * {@code eval - train}, for an accuracy {@code train - eval}, so a growing gap is always a warning sign.
 *
 * @param status
 *            OK or INSUFFICIENT_DATA (fewer than 3 eval points inside the train curve's step range); numeric fields are
 *            null when not OK
 * @param message
 *            why the status is not OK; empty when OK
 * @param signal
 *            "none", "watch" (gap growing significantly while eval still holds) or "overfitting" (gap growing, eval
 *            worse than its best while train keeps improving)
 * @param onsetStep
 *            for "overfitting": the step of the best eval value, where the eval curve turned; otherwise null
 * @param alignedPoints
 *            eval points paired with the (smoothed, interpolated) train curve
 * @param gapFirst
 *            gap at the first aligned point, metric units
 * @param gapLast
 *            gap at the last aligned point, metric units
 * @param gapSlopePer1kSteps
 *            least-squares slope of the gap over the later half of the aligned points, metric units per 1,000 steps
 * @param gapSlopeT
 *            that slope divided by its standard error
 * @param evalBestStep
 *            step of the best (lightly smoothed) eval value
 * @param evalWorseningSinceBest
 *            how much worse the last smoothed eval value is than the best, as a fraction of |best| (0 = at best)
 * @param trainImprovementSinceEvalBest
 *            how much the smoothed train value improved since {@code evalBestStep}, as a fraction of its value there
 * @param confidence
 *            0..1, how sure the signal is; for "none" how sure there is no overfitting
 * @param confidenceSource
 *            "gap_slope_t_v1": the normal CDF of the gap slope's t statistic beyond 2
 */
public record OverfittingResult(AnalysisStatus status, String message, String signal, Long onsetStep, int alignedPoints,
        Double gapFirst, Double gapLast, Double gapSlopePer1kSteps, Double gapSlopeT, Long evalBestStep,
        Double evalWorseningSinceBest, Double trainImprovementSinceEvalBest, Double confidence,
        String confidenceSource) {
}
