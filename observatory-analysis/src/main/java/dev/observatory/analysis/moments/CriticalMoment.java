package dev.observatory.analysis.moments;

/**
 * One critical moment. Values are in the metric's own units; {@code magnitude} is in {@code magnitudeUnit}.
 *
 * @param type
 *            what happened
 * @param step
 *            where it happened: the step of the change (for a plateau its first step; for a divergence the onset of the
 *            blow-up or the first non-finite value)
 * @param endStep
 *            last step of a plateau; null for the other types
 * @param valueBefore
 *            the smoothed level just before the moment (for a plateau: its level at the start)
 * @param valueAfter
 *            the smoothed level just after (for a plateau: at its end; for a divergence: the worst finite level
 *            reached); null when there is no finite value after (a divergence straight to NaN)
 * @param magnitude
 *            size of the moment, >= 0, in {@code magnitudeUnit}
 * @param magnitudeUnit
 *            "relative_change" (|after - before| / |before|; 0.25 = 25%), "scale_fraction" (|after - before| / the
 *            curve's range, used when values can be <= 0), "run_fraction" (plateau length / run length),
 *            "growth_factor" (worst level / best level before the blow-up), or "non_finite_fraction" (share of the
 *            points from this step on that are NaN or infinite)
 * @param confidence
 *            0..1, how sure the detector is
 * @param confidenceSource
 *            how the confidence was derived: "jump_z_v1" (normal CDF of the jump's z score beyond the detection
 *            threshold), "slope_change_z_v1" (the same for the slope change ending a plateau), "growth_over_best_v1" (1
 *            - exp(-rise / divergence threshold), in log units), "non_finite_values" (the series stays NaN/Inf: 0.99),
 *            "isolated_non_finite" (a few NaN/Inf values, the run continued: 0.5)
 * @param description
 *            one sentence for people
 */
public record CriticalMoment(MomentType type, long step, Long endStep, double valueBefore, Double valueAfter,
        double magnitude, String magnitudeUnit, double confidence, String confidenceSource, String description) {
}
