package dev.observatory.analysis;

/**
 * Ordinary least-squares line {@code y = intercept + slope * (x - x0)} through points {@code from..to-1} of a series, x
 * being the step. Steps are shifted by {@code x0} (the first step of the range) so that large step numbers lose no
 * precision.
 *
 * @param slope
 *            change of y per step
 * @param intercept
 *            fitted y at {@code x0}
 * @param x0
 *            the step the intercept refers to
 * @param slopeStdError
 *            standard error of the slope (0 when the points fit exactly; infinite with fewer than 3 points)
 * @param n
 *            number of points fitted
 */
public record LinearFit(double slope, double intercept, long x0, double slopeStdError, int n) {

    /** Fits points {@code from} (inclusive) to {@code to} (exclusive); needs at least 2 points with distinct steps. */
    public static LinearFit of(long[] steps, double[] values, int from, int to) {
        int n = to - from;
        if (n < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points, got " + n);
        }
        long x0 = steps[from];
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += steps[i] - x0;
            my += values[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = from; i < to; i++) {
            double dx = steps[i] - x0 - mx;
            double dy = values[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a line needs points at two different steps");
        }
        double slope = sxy / sxx;
        double sse = Math.max(0, syy - slope * sxy);
        double se = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Double.POSITIVE_INFINITY;
        return new LinearFit(slope, my - slope * mx, x0, se, n);
    }

    /** The fitted value at a step. */
    public double at(double step) {
        return intercept + slope * (step - x0);
    }

    /** Slope divided by its standard error (0 for a flat exact fit, infinite for a sloped exact fit). */
    public double tStatistic() {
        if (slopeStdError == 0) {
            return slope == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, slope);
        }
        return slope / slopeStdError;
    }
}
