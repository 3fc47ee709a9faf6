package dev.observatory.analysis.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders benchmark results as Markdown tables (for docs/benchmarks.md). */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /** The confusion table per moment type, a per-noise-level recall table, and the forecast errors. */
    public static String markdown(List<LabelledCurve> curves, MomentBenchmark.Result result,
            List<ForecastBenchmark.Result> forecasts) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT,
                "Critical moments: %d labelled curves (seeds %d..%d). A detection counts when its type matches and"
                        + " its step is within ±%.0f%% of the run length (plateaus: start and end within ±%.0f%%).%n%n",
                curves.size(), curves.get(0).seed(), curves.get(curves.size() - 1).seed(),
                100 * MomentBenchmark.STEP_TOLERANCE, 100 * MomentBenchmark.PLATEAU_TOLERANCE));
        md.append("| type | TP | FP | FN | precision | recall |\n|---|---:|---:|---:|---:|---:|\n");
        for (TypeScore s : result.scores().values()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f |%n", s.type(), s.truePositives(),
                    s.falsePositives(), s.falseNegatives(), s.precision(), s.recall()));
        }
        md.append("\nBy noise level (all types):\n\n| noise | TP | FP | FN | precision | recall |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Double, TypeScore> e : byNoise(result).entrySet()) {
            TypeScore s = e.getValue();
            md.append(String.format(Locale.ROOT, "| %.2f | %d | %d | %d | %.3f | %.3f |%n", e.getKey(),
                    s.truePositives(), s.falsePositives(), s.falseNegatives(), s.precision(), s.recall()));
        }
        md.append("\nForecast of the final value from the first 50% of the steps (error against the noise-free value):"
                + "\n\n| family | curves | median APE (MAPE) | p90 APE | failed |\n|---|---:|---:|---:|---:|\n");
        for (ForecastBenchmark.Result f : forecasts) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.2f%% | %d |%n", f.family(), f.curves(),
                    f.medianApe(), f.p90Ape(), f.failed()));
        }
        return md.toString();
    }

    private static Map<Double, TypeScore> byNoise(MomentBenchmark.Result result) {
        Map<Double, TypeScore> out = new TreeMap<>();
        for (MomentBenchmark.CurveOutcome o : result.outcomes()) {
            int labels = o.curve().labels().size();
            int fn = o.missed().size();
            TypeScore s = new TypeScore("", labels - fn, o.falsePositives().size(), fn);
            out.merge(o.curve().noise(), s, TypeScore::plus);
        }
        return out;
    }
}
