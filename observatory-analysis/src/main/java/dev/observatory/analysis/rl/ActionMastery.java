package dev.observatory.analysis.rl;

import dev.observatory.analysis.AnalysisStatus;

/**
 * When one action's frequency (or any per-action rate) settled.
 *
 * @param action
 *            the action (the metric name with the family prefix removed)
 * @param status
 *            OK or INSUFFICIENT_DATA (fewer than 3 finite points); CONSTANT_SERIES when the rate never changed (then
 *            mastered at the first step)
 * @param masteredAtStep
 *            the first step from which the smoothed rate stays within the tolerance band around its final level to the
 *            end; null when it settles only at the very last point (still moving) or when not OK
 * @param stable
 *            whether the rate has settled (masteredAtStep is not null)
 * @param initialRate
 *            smoothed rate at the first step
 * @param finalRate
 *            smoothed rate at the last step
 * @param change
 *            finalRate - initialRate
 * @param tolerance
 *            half-width of the band used, in rate units
 */
public record ActionMastery(String action, AnalysisStatus status, Long masteredAtStep, boolean stable,
        Double initialRate, Double finalRate, Double change, Double tolerance) {
}
