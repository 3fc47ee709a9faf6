package dev.observatory.core.analysis;

import dev.observatory.analysis.Direction;
import dev.observatory.analysis.correlation.Correlation;
import dev.observatory.analysis.forecast.Forecast;
import dev.observatory.analysis.moments.CriticalMomentReport;
import dev.observatory.analysis.rl.ActionMastery;
import dev.observatory.analysis.rl.ResourceEfficiency;
import dev.observatory.analysis.trend.OverfittingResult;
import java.util.List;

/** The answers of the single analyses of {@link Analysis}. */
public final class Reports {
    private Reports() {
    }

    /** Training progression of one metric: its learning curve, critical moments and a one-line summary. */
    public record Progression(RunRef run, CurveReport curve, CriticalMomentReport moments, String summary) {
    }

    /** Learning curves of several metrics and the train/eval gap of each pair found. */
    public record LearningCurves(RunRef run, List<CurveReport> curves, List<Gap> gaps) {
    }

    /** The train/eval gap of one pair. */
    public record Gap(String trainMetric, String evalMetric, OverfittingResult result) {
    }

    /** Critical moments of one metric; {@code sampled} as in {@link SeriesData}. */
    public record Moments(RunRef run, String metric, long totalPoints, boolean sampled, CriticalMomentReport report) {
    }

    /**
     * Correlation of two metrics of a run, aligned on step.
     *
     * @param strength
     *            none (|r| < 0.1), weak (< 0.3), moderate (< 0.6), strong (< 0.9), very_strong
     */
    public record MetricCorrelation(RunRef run, String metricA, String metricB, int maxLag, Correlation correlation,
            String strength) {
    }

    /**
     * A forecast of one metric.
     *
     * @param targetSource
     *            "argument", "run_params:&lt;path&gt;" (planned steps from the run's params) or "double_last_step"
     */
    public record Prediction(RunRef run, String metric, Direction direction, Double lastValue, Long lastStep,
            String targetSource, Forecast forecast) {
    }

    /** Behavioural patterns of an RL run: per-action mastery and reward per unit of a resource. */
    public record Behaviour(RunRef run, String family, List<ActionMastery> mastery, String rewardMetric,
            String resourceMetric, ResourceEfficiency efficiency, List<String> notes) {
    }

    /** Deterministic insights about a run. */
    public record Insights(RunRef run, String health, Scores scores, List<Insight> insights) {
    }

    /**
     * One insight.
     *
     * @param severity
     *            info, warning or critical
     */
    public record Insight(String code, String severity, String title, String detail, List<Evidence> evidence) {
    }
}
