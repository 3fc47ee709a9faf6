package dev.observatory.analysis.forecast;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Curve;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Outcome prediction: fits a power law ({@code c + a (x + s0)^-b}, s0 chosen from a small grid), an exponential
 * ({@code c + a e^(-b x)}) and a log-linear model ({@code a + b ln x}) to the observed curve (x = step - first step +
 * 1) by Levenberg-Marquardt least squares (Commons Math), picks the model with the smallest RMSE on the held-out tail
 * (the last 20% of the observed steps, fitted on the first 80%), refits it on everything and projects to the target
 * step.
 * <p>
 * Input: steps and values of different lengths throw {@link IllegalArgumentException}; unsorted/duplicate steps and NaN
 * values are handled as {@link Curve#of} says. Fewer than {@link #MIN_POINTS} finite points give INSUFFICIENT_DATA; a
 * constant series gives CONSTANT_SERIES with the constant as projection. Series longer than {@link #MAX_FIT_POINTS}
 * points are fitted on that many equal-width step-bucket means.
 */
public final class Forecasts {

    /** Finite points a forecast needs. */
    public static final int MIN_POINTS = 8;
    /** Points the models are fitted on at most (bucket means of longer series). */
    public static final int MAX_FIT_POINTS = 200;
    static final String INTERVAL_SOURCE = "holdout_rmse_and_refit_shift_v1";
    private static final String[] MODELS = { "power_law", "exponential", "log_linear" };

    private Forecasts() {
    }

    /** Projects the metric to {@code targetStep}; see the class comment. */
    public static Forecast predict(long[] steps, double[] values, long targetStep) {
        Curve curve = Curve.of(steps, values);
        int size = curve.size();
        if (size < MIN_POINTS) {
            return new Forecast(AnalysisStatus.INSUFFICIENT_DATA,
                    "need at least " + MIN_POINTS + " finite points, got " + size, null, targetStep, null, null, null,
                    INTERVAL_SOURCE, null, size == 0 ? null : curve.steps()[size - 1], List.of());
        }
        Curve b = curve.bucketMeans(MAX_FIT_POINTS);
        int n = b.size();
        long first = b.steps()[0];
        long last = b.steps()[n - 1];
        double[] x = new double[n];
        double[] y = b.values();
        boolean constant = true;
        for (int i = 0; i < n; i++) {
            x[i] = b.steps()[i] - first + 1;
            constant &= y[i] == y[0];
        }
        if (constant) {
            return new Forecast(AnalysisStatus.CONSTANT_SERIES, "every value is " + y[0], "constant", targetStep, y[0],
                    y[0], y[0], INTERVAL_SOURCE, 0.0, last, List.of());
        }
        double xt = targetStep - first + 1.0;
        return choose(x, y, n, Math.max(xt, 1), targetStep, last);
    }

    private static Forecast choose(double[] x, double[] y, int n, double xt, long targetStep, long last) {
        int cut = 0;
        double cutX = x[0] + 0.8 * (x[n - 1] - x[0]);
        while (cut < n && x[cut] <= cutX) {
            cut++;
        }
        boolean holdout = cut >= 5 && n - cut >= 2;
        int train = holdout ? cut : n;
        List<Forecast.Candidate> candidates = new ArrayList<>();
        for (String model : MODELS) {
            double[] p = Fitter.fit(model, x, y, train, null);
            Double rmse = p == null ? null : rmse(model, p, x, y, holdout ? cut : 0, n);
            candidates.add(new Forecast.Candidate(model, rmse, p == null ? new double[0] : p));
        }
        candidates.sort(Comparator.comparingDouble(c -> c.holdoutRmse() == null ? Double.MAX_VALUE : c.holdoutRmse()));
        Forecast.Candidate best = candidates.get(0);
        if (best.holdoutRmse() == null) {
            return new Forecast(AnalysisStatus.INSUFFICIENT_DATA, "no model could be fitted to the curve", null,
                    targetStep, null, null, null, INTERVAL_SOURCE, null, last, candidates);
        }
        double[] full = Fitter.fit(best.model(), x, y, n, best.parameters());
        double[] params = full == null ? best.parameters() : full;
        double projected = Fitter.value(best.model(), params, xt);
        double trainProjection = Fitter.value(best.model(), best.parameters(), xt);
        double heldSpan = Math.max(1, x[n - 1] - (holdout ? x[cut - 1] : x[0]));
        double reach = Math.max(1, (xt - x[n - 1]) / heldSpan);
        double half = 1.96 * best.holdoutRmse() + Math.abs(projected - trainProjection) * reach;
        if (!Double.isFinite(projected) || !Double.isFinite(half)) {
            return new Forecast(AnalysisStatus.INSUFFICIENT_DATA,
                    "the fitted model does not extrapolate to step " + targetStep, best.model(), targetStep, null, null,
                    null, INTERVAL_SOURCE, best.holdoutRmse(), last, candidates);
        }
        return new Forecast(AnalysisStatus.OK, "", best.model(), targetStep, projected, projected - half,
                projected + half, INTERVAL_SOURCE, best.holdoutRmse(), last, candidates);
    }

    private static Double rmse(String model, double[] p, double[] x, double[] y, int from, int to) {
        double sse = 0;
        for (int i = from; i < to; i++) {
            double d = y[i] - Fitter.value(model, p, x[i]);
            sse += d * d;
        }
        double r = Math.sqrt(sse / (to - from));
        return Double.isFinite(r) ? r : null;
    }
}
