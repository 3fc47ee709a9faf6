package dev.observatory.analysis.rl;

import dev.observatory.analysis.AnalysisStatus;

/**
 * Reward per unit of a resource (energy, tokens, GPU-seconds, ...) over the steps both metrics share.
 *
 * @param status
 *            OK or INSUFFICIENT_DATA (fewer than 3 common steps with a non-zero resource); numbers are null when not OK
 * @param message
 *            why the status is not OK; empty when OK
 * @param pairedPoints
 *            common steps used (steps where the resource is 0 are skipped)
 * @param meanEfficiency
 *            mean of reward / resource over the paired points
 * @param firstEfficiency
 *            mean over the first 10% of the paired points
 * @param lastEfficiency
 *            mean over the last 10% of the paired points
 * @param relativeChange
 *            (last - first) / |first|; null when first is 0
 * @param trend
 *            "improving", "worsening" or "flat" (|relativeChange| below 5%)
 */
public record ResourceEfficiency(AnalysisStatus status, String message, int pairedPoints, Double meanEfficiency,
        Double firstEfficiency, Double lastEfficiency, Double relativeChange, String trend) {
}
