package dev.observatory.analysis.forecast;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.fitting.SimpleCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoint;

/**
 * Least-squares fits of the three model families with Commons Math's Levenberg-Marquardt ({@link SimpleCurveFitter}),
 * started from log-linear estimates. x is the step relative to the first observed step plus one. Returns null when a
 * fit fails or gives non-finite parameters.
 */
final class Fitter {

    /** Offsets tried for the power law's {@code x + s0}, as fractions of the fitted span (then refined by LM). */
    private static final double[] POWER_OFFSETS = { 0, 0.003, 0.01, 0.03, 0.1 };

    private Fitter() {
    }

    /** The value of a model with parameters p at x. */
    static double value(String model, double[] p, double x) {
        return switch (model) {
            case "power_law" -> p[0] + p[1] * Math.pow(x + p[3], -p[2]);
            case "constant" -> p[0];
            case "exponential" -> p[0] + p[1] * Math.exp(-p[2] * x);
            case "log_linear" -> p[0] + p[1] * Math.log(x);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    /**
     * Fits a model to the first n points. {@code previous} (may be null) is an earlier fit of the same model whose
     * power-law offset is reused instead of searching the grid again.
     */
    static double[] fit(String model, double[] x, double[] y, int n, double[] previous) {
        return switch (model) {
            case "power_law" -> powerLaw(x, y, n, previous == null || previous.length < 4 ? null : previous[3]);
            case "exponential" -> exponential(x, y, n);
            case "log_linear" -> logLinear(x, y, n);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    private static double[] logLinear(double[] x, double[] y, int n) {
        double[] lx = new double[n];
        for (int i = 0; i < n; i++) {
            lx[i] = Math.log(x[i]);
        }
        double[] line = line(lx, y, n);
        return finite(line) ? line : null;
    }

    private static double[] powerLaw(double[] x, double[] y, int n, Double knownOffset) {
        double span = x[n - 1] - x[0];
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        double[] offsets = knownOffset == null ? POWER_OFFSETS : new double[] { knownOffset / Math.max(span, 1e-300) };
        for (double f : offsets) {
            double s0 = f * span;
            double c0 = asymptoteGuess(y, n);
            double[] lx = new double[n];
            double[] ly = new double[n];
            for (int i = 0; i < n; i++) {
                lx[i] = Math.log(x[i] + s0);
                ly[i] = Math.log(Math.max(Math.abs(y[i] - c0), 1e-12));
            }
            double[] line = line(lx, ly, n);
            double sign = Math.signum(y[0] - c0);
            double[] start = { c0, sign * Math.exp(line[0]), Math.max(1e-3, -line[1]) };
            ParametricUnivariateFunction f3 = new Shifted(s0);
            double[] p = lm(f3, start, x, y, n);
            if (p == null) {
                continue;
            }
            double sse = 0;
            for (int i = 0; i < n; i++) {
                sse += sq(y[i] - f3.value(x[i], p));
            }
            if (sse < bestSse) {
                bestSse = sse;
                best = new double[] { p[0], p[1], p[2], s0 };
            }
        }
        return best == null ? null : polish(best, x, y, n, bestSse);
    }

    /**
     * Lets the offset s0 move too (4-parameter LM from the grid's best); keeps the grid fit when that is not better.
     */
    private static double[] polish(double[] start, double[] x, double[] y, int n, double startSse) {
        double[] p = lm(FREE_OFFSET, start, x, y, n);
        if (p == null || p[3] <= -x[0] + 1e-9) {
            return start;
        }
        double sse = 0;
        for (int i = 0; i < n; i++) {
            sse += sq(y[i] - FREE_OFFSET.value(x[i], p));
        }
        return sse < startSse ? p : start;
    }

    /** c + a (x + s0)^-b with all four parameters free. */
    private static final ParametricUnivariateFunction FREE_OFFSET = new ParametricUnivariateFunction() {
        @Override
        public double value(double t, double... p) {
            return p[0] + p[1] * Math.pow(t + p[3], -p[2]);
        }

        @Override
        public double[] gradient(double t, double... p) {
            double base = Math.max(t + p[3], 1e-12);
            double pw = Math.pow(base, -p[2]);
            return new double[] { 1, pw, -p[1] * pw * Math.log(base), -p[1] * p[2] * pw / base };
        }
    };

    private static double[] exponential(double[] x, double[] y, int n) {
        double c0 = asymptoteGuess(y, n);
        double[] ly = new double[n];
        for (int i = 0; i < n; i++) {
            ly[i] = Math.log(Math.max(Math.abs(y[i] - c0), 1e-12));
        }
        double[] line = line(x, ly, n);
        double sign = Math.signum(y[0] - c0);
        double[] start = { c0, sign * Math.exp(line[0]), Math.max(1e-12, -line[1]) };
        ParametricUnivariateFunction f = new ParametricUnivariateFunction() {
            @Override
            public double value(double t, double... p) {
                return p[0] + p[1] * Math.exp(-p[2] * t);
            }

            @Override
            public double[] gradient(double t, double... p) {
                double e = Math.exp(-p[2] * t);
                return new double[] { 1, e, -p[1] * t * e };
            }
        };
        return lm(f, start, x, y, n);
    }

    /** c + a (x + s0)^-b with s0 fixed; parameters (c, a, b). */
    private record Shifted(double s0) implements ParametricUnivariateFunction {
        @Override
        public double value(double t, double... p) {
            return p[0] + p[1] * Math.pow(t + s0, -p[2]);
        }

        @Override
        public double[] gradient(double t, double... p) {
            double pw = Math.pow(t + s0, -p[2]);
            return new double[] { 1, pw, -p[1] * pw * Math.log(t + s0) };
        }
    }

    private static double[] lm(ParametricUnivariateFunction f, double[] start, double[] x, double[] y, int n) {
        if (!finite(start)) {
            return null;
        }
        List<WeightedObservedPoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new WeightedObservedPoint(1, x[i], y[i]));
        }
        try {
            double[] p = SimpleCurveFitter.create(f, start).withMaxIterations(200).fit(points);
            return finite(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where the curve seems to level off: just beyond its last tenth, on the side it is heading to. */
    private static double asymptoteGuess(double[] y, int n) {
        int tail = Math.max(1, n / 10);
        double last = 0;
        for (int i = n - tail; i < n; i++) {
            last += y[i];
        }
        last /= tail;
        double first = y[0];
        return last - 0.1 * (first - last);
    }

    /** Least-squares line {intercept, slope}. */
    static double[] line(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += sq(x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[] { my - slope * mx, slope };
    }

    private static boolean finite(double[] p) {
        if (p == null) {
            return false;
        }
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double sq(double v) {
        return v * v;
    }
}
