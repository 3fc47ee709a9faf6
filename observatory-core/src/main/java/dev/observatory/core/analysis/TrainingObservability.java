package dev.observatory.core.analysis;

import dev.observatory.analysis.Direction;
import dev.observatory.analysis.logs.LogCluster;
import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.trend.OverfittingResult;
import java.util.List;
import java.util.Map;

/**
 * One-call observability of a run (contract {@code docs/schemas/training-observability.v1.json}).
 *
 * @param health
 *            healthy, warning or critical
 * @param decisionGates
 *            ready_for_release (finished, not critical, overall >= pass threshold), converged, stable (no critical
 *            bottleneck), no_errors (no OOM, no repeated errors)
 * @param releaseBlockers
 *            codes of the bottlenecks that keep ready_for_release false, and "not_finished" / "score_below_threshold"
 * @param evaluation
 *            present when asked for
 * @param nextExperiment
 *            present when asked for
 * @param baselineComparison
 *            present when asked for
 */
public record TrainingObservability(RunRef run, String health, Speed speed, Quality quality, Stability stability,
        Errors errors, Scores scores, List<Bottleneck> bottlenecks, List<Recommendation> recommendations,
        Map<String, Boolean> decisionGates, List<String> releaseBlockers, Thresholds thresholds, Context context,
        RunEvaluation evaluation, NextExperiment nextExperiment, BaselineComparison baselineComparison) {

    /** Speed: throughput and how fast the curve learned. */
    public record Speed(String throughputMetric, Double throughputMean, Double throughputCv, Double throughputTailRatio,
            Double t90RunFraction, Double learningVelocity) {
    }

    /** Quality and convergence of the primary metric, and the train/eval gap when there is an eval metric. */
    public record Quality(CurveReport primary, String evalMetric, OverfittingResult overfitting) {
    }

    /** Stability: NaN/Inf values, divergence, drops, plateaus and noise. */
    public record Stability(boolean diverged, Long divergenceStep, Map<String, Long> nonFiniteByMetric, int drops,
            int plateaus, Double noiseRatio, List<CriticalMoment> moments) {
    }

    /**
     * Errors from the logs: lines analysed (the tail plus every WARN/ERROR line), totals and the top signatures.
     *
     * @param linesTotal
     *            lines the run logged; -1 when not counted
     */
    public record Errors(long linesTotal, int linesAnalysed, int errorCount, int warningCount, int oomCount,
            int nanCount, Long firstOomLine, Long firstNanLine, int distinctSignatures, int repeatedErrorSignatures,
            List<LogCluster> topClusters) {
    }

    /** The thresholds the health, gates and bands use. */
    public record Thresholds(double passThreshold, double warningBelow, double criticalBelow,
            Map<String, Double> scoreWeights) {
    }

    /**
     * What the analysis assumed.
     *
     * @param runClass
     *            standard, short (under 200 points or 500 steps), long (over 200k steps) or rl (a return/reward)
     * @param speedCurveThresholds
     *            the run class's t90 thresholds (run fraction; lower is faster): excellent, good, fair, watch, poor
     */
    public record Context(String runClass, String primaryMetric, Direction direction, String throughputMetric,
            boolean sampled, Map<String, Double> speedCurveThresholds) {
    }

    /**
     * The run against the project's best runs by the primary metric's last value.
     *
     * @param rank
     *            1-based rank of this run among the baselines plus itself
     * @param deltaToBest
     *            this run's last value minus the best baseline's, in metric units (sign: as the metric)
     * @param verdict
     *            "best", "within_5_percent", "behind"
     */
    public record BaselineComparison(String metric, int limit, List<BaselineRun> runs, int rank, Double deltaToBest,
            String verdict) {
    }

    /** One baseline run: its last value of the metric and its overall score. */
    public record BaselineRun(String runId, String name, Double value, Double overallScore) {
    }
}
