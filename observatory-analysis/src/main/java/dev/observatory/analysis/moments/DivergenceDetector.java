package dev.observatory.analysis.moments;

/**
 * Finds a blow-up: the first point from which the improvement-space level stays far worse than its best so far (a
 * factor of {@code divergenceFactor} for log values; for raw values {@code divergenceFactor - 1} times the range the
 * curve covered up to its best point) up to the end, and dates it back to the last point that was within 3 noise sigmas
 * of the best.
 */
final class DivergenceDetector {

    static final String SOURCE = "growth_over_best_v1";

    private DivergenceDetector() {
    }

    /** The blow-up found, or null. {@code onset} is an index into {@code p}. */
    record BlowUp(int onset, double best, double worst, double threshold) {
    }

    static BlowUp find(Prepared p, MomentOptions options) {
        double[] y = p.y;
        int m = y.length;
        double best = y[0];
        double worstSoFar = y[0];
        double worstBeforeBest = y[0];
        double[] bestAt = new double[m];
        int crossing = -1;
        for (int i = 0; i < m; i++) {
            double threshold = threshold(p, options, best, worstBeforeBest);
            if (i >= 3 && y[i] - best >= threshold && median3(y, i) - best >= threshold) {
                crossing = i;
                break;
            }
            worstSoFar = Math.max(worstSoFar, y[i]);
            if (y[i] < best) {
                best = y[i];
                worstBeforeBest = worstSoFar;
            }
            bestAt[i] = best;
        }
        if (crossing < 0) {
            return null;
        }
        double threshold = threshold(p, options, best, worstBeforeBest);
        int tail = Math.max(3, m / 100);
        double tailMean = p.mean(Math.max(crossing, m - tail), m);
        if (tailMean - best < threshold / 2) {
            return null;
        }
        int onset = crossing - 1;
        while (onset > 0 && y[onset] - bestAt[onset] > 3 * p.sigma[onset]) {
            onset--;
        }
        double worst = y[crossing];
        for (int i = crossing; i < m; i++) {
            worst = Math.max(worst, y[i]);
        }
        return new BlowUp(onset, best, worst, threshold);
    }

    private static double threshold(Prepared p, MomentOptions options, double best, double worstSoFar) {
        if (p.log) {
            return Math.log(options.divergenceFactor());
        }
        return (options.divergenceFactor() - 1) * Math.max(worstSoFar - best, 10 * p.noise);
    }

    private static double median3(double[] y, int i) {
        if (i + 2 >= y.length) {
            return y[i];
        }
        double a = y[i];
        double b = y[i + 1];
        double c = y[i + 2];
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    static CriticalMoment moment(Prepared p, BlowUp blowUp) {
        double before = p.toValue(blowUp.best());
        double after = p.toValue(blowUp.worst());
        double rise = blowUp.worst() - blowUp.best();
        double magnitude = p.log ? Math.exp(Math.min(rise, 700)) : rise / Math.max(p.range, 1e-300);
        double confidence = Math.min(0.99, 1 - Math.exp(-rise / blowUp.threshold()));
        String unit = p.log ? "growth_factor" : "scale_fraction";
        return new CriticalMoment(MomentType.DIVERGENCE, p.steps[blowUp.onset()], null, before, after, round(magnitude),
                unit, round(confidence), SOURCE,
                "the metric blew up: from " + fmt(before) + " to " + fmt(after) + " and did not come back");
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
