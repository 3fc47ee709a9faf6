package dev.observatory.core.analysis;

import dev.observatory.analysis.Curve;
import dev.observatory.analysis.Direction;
import dev.observatory.analysis.trend.ConvergenceResult;
import dev.observatory.analysis.trend.LearningCurves;
import dev.observatory.analysis.trend.TrendResult;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link CurveReport} from a usable series (see {@link Checks#usable}). */
final class CurveAnalyzer {
    static final int SUMMARY_POINTS = 24;

    private CurveAnalyzer() {
    }

    static CurveReport analyse(SeriesData data, Curve c, Direction direction, boolean diverged) {
        long[] x = c.steps();
        double[] s = LearningCurves.smoothed(c.values());
        int n = s.length;
        int sign = direction.sign();
        double min = s[0];
        double max = s[0];
        int best = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, s[i]);
            max = Math.max(max, s[i]);
            if (sign * (s[i] - s[best]) > 0) {
                best = i;
            }
        }
        double range = Math.max(max - min, 1e-12);
        double gain = sign * (s[n - 1] - s[0]) / Math.max(Math.abs(s[0]), range);
        double regression = sign * (s[best] - s[n - 1]) / range;
        TrendResult trend = LearningCurves.trend(x, c.values(), direction);
        ConvergenceResult conv = LearningCurves.convergence(x, c.values(), direction);
        Double noise = data.sampled() ? null : noiseRatio(c.values(), s, range);
        String phase = diverged ? "diverged" : phase(trend, conv, gain);
        return new CurveReport(data.key(), direction, data.totalPoints(), n, data.sampled(), x[0], x[n - 1], s[0],
                s[n - 1], s[best], x[best], round(gain), round(regression), t90(x, s, sign), noise, phase, trend, conv,
                summary(x, s));
    }

    static String phase(TrendResult trend, ConvergenceResult conv, double gain) {
        if ("worsening".equals(trend.trend())) {
            return "regressing";
        }
        if (conv.converged() && gain > 0.02) {
            return "converged";
        }
        if ("improving".equals(trend.trend())) {
            return "learning";
        }
        return gain > 0.02 ? "converged" : "stalled";
    }

    /** Share of the run until the smoothed curve first reached 90% of its best improvement over the start. */
    static Double t90(long[] x, double[] s, int sign) {
        int n = s.length;
        double total = 0;
        for (double v : s) {
            total = Math.max(total, sign * (v - s[0]));
        }
        if (total <= 0 || x[n - 1] == x[0]) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (sign * (s[i] - s[0]) >= 0.9 * total) {
                return round((double) (x[i] - x[0]) / (x[n - 1] - x[0]));
            }
        }
        return 1.0;
    }

    private static Double noiseRatio(double[] v, double[] s, double range) {
        int n = v.length;
        int from = n / 2;
        double sum = 0;
        for (int i = from; i < n; i++) {
            double d = v[i] - s[i];
            sum += d * d;
        }
        return round(Math.sqrt(sum / Math.max(1, n - from)) / range);
    }

    private static List<CurveReport.CurvePoint> summary(long[] x, double[] s) {
        Curve smooth = new Curve(x, s, x.length, 0, 0, Long.MIN_VALUE, 0).bucketMeans(SUMMARY_POINTS);
        List<CurveReport.CurvePoint> out = new ArrayList<>(smooth.size());
        for (int i = 0; i < smooth.size(); i++) {
            out.add(new CurveReport.CurvePoint(smooth.steps()[i], smooth.values()[i]));
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
