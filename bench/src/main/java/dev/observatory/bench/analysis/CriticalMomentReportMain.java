package dev.observatory.bench.analysis;

import dev.observatory.analysis.benchmark.BenchmarkReport;
import dev.observatory.analysis.benchmark.ForecastBenchmark;
import dev.observatory.analysis.benchmark.LabelledCurve;
import dev.observatory.analysis.benchmark.MomentBenchmark;
import dev.observatory.analysis.benchmark.SyntheticCurves;
import dev.observatory.analysis.moments.MomentOptions;
import java.util.List;

/**
 * Prints the labelled critical-moment benchmark of issue 3 as Markdown for docs/benchmarks.md: the confusion table per
 * injected type (TP, FP, FN, precision, recall), recall by noise level, and the forecast error. The reported seeds
 * (default 1000, 8 curves per kind x family x noise cell = 400 curves) are not the seeds the detector was tuned on
 * (5000.., 9000.., 13000..).
 * <p>
 * Run: {@code java -cp bench/target/benchmarks.jar dev.observatory.bench.analysis.CriticalMomentReportMain [seed]
 * [perCell]}.
 */
public final class CriticalMomentReportMain {

    private CriticalMomentReportMain() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        int perCell = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<LabelledCurve> curves = SyntheticCurves.suite(seed, perCell);
        MomentBenchmark.Result result = MomentBenchmark.run(curves, MomentOptions.DEFAULTS);
        List<ForecastBenchmark.Result> forecasts = List.of(ForecastBenchmark.run(curves, "power_law"),
                ForecastBenchmark.run(curves, "exponential"));
        System.out.print(BenchmarkReport.markdown(curves, result, forecasts));
    }
}
