package dev.observatory.model.job;

import java.util.List;

/**
 * Which guardrails watch a job.
 *
 * @param watchMetrics
 *            metrics checked for NaN/Inf; empty: every metric whose name contains "loss"
 * @param stopOnNan
 *            fire on a NaN or infinite value of a watched metric
 * @param oomThreshold
 *            fire when this many out-of-memory signatures were seen (CUDA OOM, {@code Killed},
 *            java.lang.OutOfMemoryError); 0 disables
 * @param stallSeconds
 *            fire when no new step was seen for this long, counted from the first output line (a job that prints
 *            nothing gets 60 s more from its start); 0 disables
 * @param divergenceFactor
 *            fire when {@code divergenceMetric} exceeds this factor times its running minimum; 0 disables
 * @param divergenceMetric
 *            the metric watched for divergence (usually {@code loss})
 * @param divergenceWarmup
 *            points of that metric seen before divergence is checked
 * @param rules
 *            user rules
 * @param stopOnTrigger
 *            stop the job when a guardrail fires (false: only record and alert)
 * @param checkpointSignalMs
 *            when > 0, send SIGUSR1 first (a hook for the program to save a final checkpoint) and SIGTERM this many
 *            milliseconds later
 */
public record GuardrailSpec(List<String> watchMetrics, boolean stopOnNan, int oomThreshold, long stallSeconds,
        double divergenceFactor, String divergenceMetric, int divergenceWarmup, List<GuardrailRule> rules,
        boolean stopOnTrigger, long checkpointSignalMs) {

    public GuardrailSpec {
        watchMetrics = watchMetrics == null ? List.of() : List.copyOf(watchMetrics);
        rules = rules == null ? List.of() : List.copyOf(rules);
        divergenceMetric = divergenceMetric == null || divergenceMetric.isBlank() ? "loss" : divergenceMetric;
        if (oomThreshold < 0 || stallSeconds < 0 || divergenceWarmup < 0 || checkpointSignalMs < 0) {
            throw new IllegalArgumentException("guardrail thresholds must not be negative");
        }
        if (divergenceFactor != 0 && !(divergenceFactor > 1)) {
            throw new IllegalArgumentException(
                    "divergence_factor must be above 1 (or 0 to disable), got " + divergenceFactor);
        }
    }

    /** NaN and OOM on, stall after 30 minutes, divergence at 10x the running minimum of loss after 20 points. */
    public static GuardrailSpec defaults() {
        return new GuardrailSpec(List.of(), true, 1, 1800, 10, "loss", 20, List.of(), true, 0);
    }

    /** No guardrail at all. */
    public static GuardrailSpec none() {
        return new GuardrailSpec(List.of(), false, 0, 0, 0, "loss", 0, List.of(), false, 0);
    }
}
