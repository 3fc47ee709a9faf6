package dev.observatory.analysis.benchmark;

import dev.observatory.analysis.forecast.Forecast;
import dev.observatory.analysis.forecast.Forecasts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores {@link Forecasts} on labelled curves without an injected event: each is cut at half its step range and
 * projected to its last step; the error is taken against the noise-free value there ({@link LabelledCurve#clean()}).
 */
public final class ForecastBenchmark {

    private ForecastBenchmark() {
    }

    /**
     * @param family
     *            the curve family scored
     * @param curves
     *            curves forecast
     * @param medianApe
     *            median absolute percentage error, in percent
     * @param p90Ape
     *            90th percentile of the absolute percentage error, in percent
     * @param failed
     *            forecasts that returned no projection (counted as 100% error)
     */
    public record Result(String family, int curves, double medianApe, double p90Ape, int failed) {
    }

    public static Result run(List<LabelledCurve> all, String family) {
        List<Double> errors = new ArrayList<>();
        int failed = 0;
        for (LabelledCurve c : all) {
            if (c.injected() != null || !c.family().equals(family)) {
                continue;
            }
            long[] steps = c.steps();
            long cutStep = steps[0] + c.runLength() / 2;
            int cut = 0;
            while (cut < steps.length && steps[cut] <= cutStep) {
                cut++;
            }
            long target = steps[steps.length - 1];
            Forecast f = Forecasts.predict(Arrays.copyOf(steps, cut), Arrays.copyOf(c.values(), cut), target);
            double truth = c.clean()[steps.length - 1];
            if (f.projected() == null) {
                failed++;
                errors.add(100.0);
            } else {
                errors.add(100 * Math.abs(f.projected() - truth) / Math.abs(truth));
            }
        }
        double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (e.length == 0) {
            return new Result(family, 0, 0, 0, 0);
        }
        double median = e.length % 2 == 1 ? e[e.length / 2] : (e[e.length / 2 - 1] + e[e.length / 2]) / 2;
        return new Result(family, e.length, median, e[(int) Math.ceil(0.9 * e.length) - 1], failed);
    }
}
