package dev.observatory.analysis.capacity;

import dev.observatory.analysis.capacity.CapacityForecast.Status;

/**
 * Capacity forecasts: a robust (Theil-Sen) trend of a series, optionally on log scale (exponential growth), and where
 * it crosses a threshold, with an interval from the slope's confidence interval and the residual band.
 */
public final class Capacity {
    /** Fewest finite points a trend is fitted on. */
    public static final int MIN_POINTS = 5;

    private Capacity() {
    }

    /**
     * Fits the trend and solves for the threshold.
     *
     * @param confidence
     *            of the slope interval and the residual band, in (0.5, 1), e.g. 0.95
     *
     * @throws IllegalArgumentException
     *             too few finite points, a non-positive value or threshold on log scale, a bad confidence
     */
    public static CapacityForecast forecast(long[] x, double[] y, double threshold, boolean logScale,
            double confidence) {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0.5 and 1, got " + confidence);
        }
        if (!Double.isFinite(threshold) || (logScale && threshold <= 0)) {
            throw new IllegalArgumentException("threshold must be a finite number"
                    + (logScale ? " above 0 on log" + " scale" : "") + ", got " + threshold);
        }
        int n = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[x.length];
        long x0 = x.length == 0 ? 0 : x[0];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i])) {
                continue;
            }
            if (logScale && y[i] <= 0) {
                throw new IllegalArgumentException("log scale needs values above 0; value " + y[i] + " at x=" + x[i]);
            }
            xs[n] = x[i] - x0;
            ys[n] = logScale ? Math.log(y[i]) : y[i];
            n++;
        }
        if (n < MIN_POINTS) {
            throw new IllegalArgumentException(
                    "a trend needs at least " + MIN_POINTS + " finite points, the series has " + n);
        }
        xs = java.util.Arrays.copyOf(xs, n);
        ys = java.util.Arrays.copyOf(ys, n);
        double z = normalQuantile((1 + confidence) / 2);
        TheilSen fit = TheilSen.fit(xs, ys, z);
        double target = logScale ? Math.log(threshold) : threshold;
        return solve(fit, xs[n - 1], target, z, x0, n, logScale, threshold);
    }

    private static CapacityForecast solve(TheilSen fit, double lastX, double target, double z, long x0, int n,
            boolean log, double threshold) {
        double last = fit.at(lastX);
        double lastValue = log ? Math.exp(last) : last;
        boolean towards = fit.slope() != 0 && (fit.slope() > 0) == (target > last);
        if (!towards) {
            double cross = fit.slope() == 0 ? Double.NaN : (target - fit.intercept()) / fit.slope();
            if (cross >= 0 && cross <= lastX) {
                long at = x0 + Math.round(cross);
                return new CapacityForecast(Status.ALREADY_CROSSED, fit.slope(), fit.slopeLow(), fit.slopeHigh(),
                        fit.intercept(), lastValue, fit.sigma(), at, null, null, n, log, String.format(
                                "the trend already crossed %.6g at x=%d and is at %.6g now", threshold, at, lastValue));
            }
            String msg = String.format(
                    "the trend is %s (slope %.4g per x unit%s) at %.6g and does not move towards"
                            + " the threshold %.6g: it never crosses it",
                    fit.slope() == 0 ? "flat" : fit.slope() > 0 ? "rising" : "falling", fit.slope(),
                    log ? " on log scale" : "", lastValue, threshold);
            return new CapacityForecast(Status.NEVER, fit.slope(), fit.slopeLow(), fit.slopeHigh(), fit.intercept(),
                    lastValue, fit.sigma(), null, null, null, n, log, msg);
        }
        boolean upward = fit.slope() > 0;
        double cross = (target - fit.intercept()) / fit.slope();
        double band = z * fit.sigma();
        double earliest = cross;
        double latest = cross;
        boolean open = false;
        for (double s : new double[] { fit.slopeLow(), fit.slopeHigh() }) {
            for (double d : new double[] { -band, band }) {
                if (s == 0 || (s > 0) != upward) {
                    open = true; // the slow end of the slope interval does not move towards the threshold
                    continue;
                }
                double t = lastX + (target - (last + d)) / s;
                earliest = Math.min(earliest, t);
                latest = Math.max(latest, t);
            }
        }
        earliest = Math.max(earliest, lastX);
        String msg = String.format("the trend reaches %.6g at x=%d (interval: x=%d to %s)", threshold,
                x0 + Math.round(cross), x0 + Math.round(earliest),
                open ? "never, at the slow end of the slope interval" : "x=" + (x0 + Math.round(latest)));
        return new CapacityForecast(Status.WILL_CROSS, fit.slope(), fit.slopeLow(), fit.slopeHigh(), fit.intercept(),
                lastValue, fit.sigma(), x0 + Math.round(cross), x0 + Math.round(earliest),
                open ? null : x0 + Math.round(latest), n, log, msg);
    }

    /** Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9). */
    static double normalQuantile(double p) {
        double[] a = { -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716,
                2.506628277459239 };
        double[] b = { -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
                -13.28068155288572 };
        double[] c = { -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
                4.374664141464968, 2.938163982698783 };
        double[] d = { 0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416 };
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
