package dev.observatory.core.analysis;

/**
 * One fact a finding rests on.
 *
 * @param signal
 *            what was measured, e.g. "divergence", "relative_gain", "oom_log_lines"
 * @param metric
 *            the metric key, or null for log or run facts
 * @param step
 *            where, when it has a step
 * @param value
 *            the measured value
 * @param source
 *            the analysis that produced it (e.g. "critical_moments", "log_intelligence", "run_params")
 */
public record Evidence(String signal, String metric, Long step, Double value, String source) {
}
