package dev.observatory.analysis.trend;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Direction;

/**
 * Trend and learning velocity of one metric. Numeric fields are {@code null} when {@code status} is not OK.
 *
 * @param status
 *            OK, INSUFFICIENT_DATA (fewer than 3 finite points) or CONSTANT_SERIES (then slopes and velocities are 0
 *            and trend is "flat")
 * @param message
 *            why the status is not OK; empty when OK
 * @param direction
 *            the direction used (improving = towards better values)
 * @param pointCount
 *            finite points analysed
 * @param windowStartStep
 *            first step of the recent window
 * @param windowEndStep
 *            last step of the recent window
 * @param slopePer1kSteps
 *            slope of the smoothed curve over the recent window, in metric units per 1,000 steps (signed, raw)
 * @param velocity
 *            learning velocity: improvement per 1,000 steps over the recent window as a fraction of the curve's scale;
 *            positive = improving, negative = getting worse (0.05 = 5% of the scale per 1k steps)
 * @param overallVelocity
 *            the same over the whole run (first to last smoothed value)
 * @param scale
 *            the scale velocities are divided by: the range (max - min) of the smoothed curve, or |mean| when the range
 *            is 0; always > 0 when OK
 * @param windowChange
 *            improvement over the recent window as a fraction of the scale (velocity times window length / 1000)
 * @param trend
 *            "improving", "worsening" or "flat" (|windowChange| below the flat threshold)
 * @param smoothedLast
 *            the last value of the smoothed curve
 */
public record TrendResult(AnalysisStatus status, String message, Direction direction, int pointCount,
        Long windowStartStep, Long windowEndStep, Double slopePer1kSteps, Double velocity, Double overallVelocity,
        Double scale, Double windowChange, String trend, Double smoothedLast) {

    static TrendResult insufficient(Direction direction, int points, String message) {
        return new TrendResult(AnalysisStatus.INSUFFICIENT_DATA, message, direction, points, null, null, null, null,
                null, null, null, null, null);
    }
}
