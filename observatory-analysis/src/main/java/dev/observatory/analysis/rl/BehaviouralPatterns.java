package dev.observatory.analysis.rl;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Curve;
import dev.observatory.analysis.trend.LearningCurves;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Behavioural patterns of reinforcement-learning runs: when each action's rate stabilised ("mastery") and how much
 * reward a run gets per unit of a resource.
 * <p>
 * Input: series are normalised as {@link Curve#of} says (mismatched lengths throw {@link IllegalArgumentException});
 * too few points give INSUFFICIENT_DATA results, never NaN.
 */
public final class BehaviouralPatterns {

    /** Default tolerance: 5% of the rate's range, at least 0.01 of its final level's magnitude. */
    public static final double DEFAULT_TOLERANCE_FRACTION = 0.05;

    private BehaviouralPatterns() {
    }

    /** A metric series of a family: steps and values. */
    public record Series(long[] steps, double[] values) {
    }

    /**
     * Mastery of every action of a family, in the map's iteration order. The action name is the metric name after the
     * last '/' or '.' (so {@code actions/move_rate} gives {@code move_rate}).
     */
    public static List<ActionMastery> mastery(Map<String, Series> family) {
        List<ActionMastery> out = new ArrayList<>();
        for (Map.Entry<String, Series> e : family.entrySet()) {
            String name = e.getKey();
            String action = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('.')) + 1);
            out.add(mastery(action, e.getValue().steps(), e.getValue().values(), DEFAULT_TOLERANCE_FRACTION));
        }
        return out;
    }

    /**
     * Mastery of one action: the first step from which the smoothed rate stays within
     * {@code max(toleranceFraction * range, 0.01 * |final|)} of its final smoothed value.
     *
     * @param toleranceFraction
     *            band half-width as a fraction of the smoothed rate's range, in (0, 1)
     */
    public static ActionMastery mastery(String action, long[] steps, double[] values, double toleranceFraction) {
        if (!(toleranceFraction > 0 && toleranceFraction < 1)) {
            throw new IllegalArgumentException("toleranceFraction must be in (0, 1), got " + toleranceFraction);
        }
        Curve c = Curve.of(steps, values);
        int n = c.size();
        if (n < 3) {
            return new ActionMastery(action, AnalysisStatus.INSUFFICIENT_DATA, null, false, null, null, null, null);
        }
        double[] s = LearningCurves.smoothed(c.values());
        double min = s[0];
        double max = s[0];
        for (double v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double last = s[n - 1];
        if (min == max) {
            return new ActionMastery(action, AnalysisStatus.CONSTANT_SERIES, c.steps()[0], true, s[0], last, 0.0, 0.0);
        }
        double tol = Math.max(toleranceFraction * (max - min), 0.01 * Math.abs(last));
        int i = n - 1;
        while (i > 0 && Math.abs(s[i - 1] - last) <= tol) {
            i--;
        }
        boolean stable = i < n - 1;
        return new ActionMastery(action, AnalysisStatus.OK, stable ? c.steps()[i] : null, stable, s[0], last,
                last - s[0], tol);
    }

    /** Reward per unit of resource over the common steps; see {@link ResourceEfficiency}. */
    public static ResourceEfficiency efficiency(long[] rewardSteps, double[] reward, long[] resourceSteps,
            double[] resource) {
        Curve r = Curve.of(rewardSteps, reward);
        Curve u = Curve.of(resourceSteps, resource);
        double[] ratio = new double[Math.min(r.size(), u.size())];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < r.size() && j < u.size()) {
            long a = r.steps()[i];
            long b = u.steps()[j];
            if (a < b) {
                i++;
            } else if (a > b) {
                j++;
            } else {
                double unit = u.values()[j];
                if (unit != 0) {
                    ratio[n++] = r.values()[i] / unit;
                }
                i++;
                j++;
            }
        }
        if (n < 3) {
            return new ResourceEfficiency(AnalysisStatus.INSUFFICIENT_DATA,
                    "need at least 3 common steps with a non-zero resource, got " + n, n, null, null, null, null, null);
        }
        int k = Math.max(1, n / 10);
        double first = mean(ratio, 0, k);
        double lastMean = mean(ratio, n - k, n);
        Double change = first == 0 ? null : (lastMean - first) / Math.abs(first);
        String trend = change == null ? (lastMean > 0 ? "improving" : lastMean < 0 ? "worsening" : "flat")
                : Math.abs(change) < 0.05 ? "flat" : change > 0 ? "improving" : "worsening";
        return new ResourceEfficiency(AnalysisStatus.OK, "", n, mean(ratio, 0, n), first, lastMean, change, trend);
    }

    private static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }
}
