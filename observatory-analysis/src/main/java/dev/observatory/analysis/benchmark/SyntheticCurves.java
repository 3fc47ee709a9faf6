package dev.observatory.analysis.benchmark;

import dev.observatory.analysis.Direction;
import dev.observatory.analysis.moments.MomentType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generator of the labelled benchmark: power-law ({@code c + a (1 + u/u0)^-alpha}) and exponential
 * ({@code c + a e^(-u/tau)}) losses over normalised time u in [0, 1], 800-3200 points, step strides 1-10, with one
 * injected event or none, multiplicative Gaussian noise from clean to very noisy (0, 2, 5, 10, 15% per point), rare
 * isolated loss spikes (1 in 2,000 points, 1.5-3.5x; not labelled: a detector must ignore them) and, for a quarter of
 * the curves, the reward-like transform {@code K - loss} (higher is better). Events:
 * <ul>
 * <li>breakthrough at u in [0.15, 0.85]: the loss drops by 15-40% over at most 0.5% of the run and stays lower;</li>
 * <li>drop: the loss rises by 20-60% likewise and stays higher;</li>
 * <li>plateau: learning stops for 8-25% of the run starting at u in [0.1, 0.5] and then resumes (time is frozen),
 * placed where the stall hides at least 15% of improvement of the clean curve;</li>
 * <li>divergence at u in [0.3, 0.9]: either the loss grows exponentially (e-folding in 0.2-1% of the run) until it
 * overflows to NaN past 1e6, or it turns NaN at once.</li>
 * </ul>
 * Every curve is a pure function of its seed.
 */
public final class SyntheticCurves {

    /** Noise levels of the suite, clean to very noisy. */
    public static final double[] NOISE_LEVELS = { 0, 0.02, 0.05, 0.10, 0.15 };
    private static final MomentType[] KINDS = { null, MomentType.BREAKTHROUGH, MomentType.DROP, MomentType.PLATEAU,
            MomentType.DIVERGENCE };
    private static final String[] FAMILIES = { "power_law", "exponential" };

    private SyntheticCurves() {
    }

    /**
     * The full suite: every (event kind x family x noise level) cell {@code perCell} times, 50 * perCell curves, seeds
     * {@code baseSeed, baseSeed + 1, ...}.
     */
    public static List<LabelledCurve> suite(long baseSeed, int perCell) {
        List<LabelledCurve> curves = new ArrayList<>();
        long seed = baseSeed;
        for (int r = 0; r < perCell; r++) {
            for (MomentType kind : KINDS) {
                for (String family : FAMILIES) {
                    for (double noise : NOISE_LEVELS) {
                        curves.add(generate(seed++, family, noise, kind));
                    }
                }
            }
        }
        return curves;
    }

    /** One curve; see the class comment. */
    public static LabelledCurve generate(long seed, String family, double noise, MomentType kind) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 800 + rnd.nextInt(2400);
        long stride = 1 + rnd.nextInt(10);
        long offset = rnd.nextInt(3);
        BaseCurve base = family.equals("power_law") ? BaseCurve.powerLaw(rnd) : BaseCurve.exponential(rnd);
        Direction direction = rnd.nextInt(4) == 0 ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
        Event event = Event.draw(kind, base, rnd);
        long[] steps = new long[n];
        double[] values = new double[n];
        double[] clean = new double[n];
        double ceiling = base.at(0) * 1.2;
        boolean overflowed = false;
        for (int i = 0; i < n; i++) {
            steps[i] = offset + i * stride;
            double u = (double) i / (n - 1);
            double loss = event.apply(base, u);
            overflowed |= loss > 1e6;
            double observed = loss * (1 + noise * rnd.nextGaussian());
            if (noise > 0 && rnd.nextInt(2000) == 0) {
                observed *= 1.5 + 2 * rnd.nextDouble();
            }
            if (overflowed || Double.isNaN(loss)) {
                loss = Double.NaN;
                observed = Double.NaN;
            }
            boolean higher = direction == Direction.HIGHER_IS_BETTER;
            clean[i] = higher ? ceiling - loss : loss;
            values[i] = higher ? ceiling - observed : observed;
        }
        return new LabelledCurve(seed, family, noise, direction, kind, steps, values, clean,
                event.labels(steps, n, values));
    }
}
