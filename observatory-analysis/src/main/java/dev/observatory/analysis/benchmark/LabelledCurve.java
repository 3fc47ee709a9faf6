package dev.observatory.analysis.benchmark;

import dev.observatory.analysis.Direction;
import dev.observatory.analysis.moments.MomentType;
import java.util.List;

/**
 * One synthetic training curve with its ground truth.
 *
 * @param seed
 *            the seed it was generated from (regenerates it exactly)
 * @param family
 *            "power_law" or "exponential"
 * @param noise
 *            multiplicative noise level of the loss (standard deviation of the relative noise per point)
 * @param direction
 *            LOWER_IS_BETTER for a loss, HIGHER_IS_BETTER for the reward-like transform {@code K - loss}
 * @param injected
 *            the injected event type, null for none
 * @param steps
 *            steps, strictly increasing
 * @param values
 *            observed values (noise, spikes, NaN)
 * @param clean
 *            the noise-free curve at the same steps (NaN where the observed value is NaN)
 * @param labels
 *            the moments a perfect detector reports (empty for none)
 */
public record LabelledCurve(long seed, String family, double noise, Direction direction, MomentType injected,
        long[] steps, double[] values, double[] clean, List<Label> labels) {

    /** An expected moment; {@code endStep} only for plateaus (else equal to step). */
    public record Label(MomentType type, long step, long endStep) {
    }

    /** Steps from the first to the last point. */
    public long runLength() {
        return steps[steps.length - 1] - steps[0];
    }

    /** Name of the injected event, "none" when there is none. */
    public String injectedName() {
        return injected == null ? "none" : injected.name().toLowerCase(java.util.Locale.ROOT);
    }
}
