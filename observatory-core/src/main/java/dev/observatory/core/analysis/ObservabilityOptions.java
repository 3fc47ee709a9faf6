package dev.observatory.core.analysis;

import dev.observatory.analysis.Direction;

/**
 * Options of {@link Analysis#observability}.
 *
 * @param metric
 *            the primary metric; null to choose (a training loss, else an RL return, else any loss)
 * @param direction
 *            null to infer from the metric name
 * @param logLines
 *            log tail analysed, 100..100,000 (every WARN/ERROR line of the run is analysed as well)
 * @param passThreshold
 *            overall score needed to pass, 0..100
 * @param baselineLimit
 *            best runs of the project to compare with, 1..20
 */
public record ObservabilityOptions(String metric, Direction direction, int logLines, double passThreshold,
        boolean includeEvaluation, boolean includeNextExperiment, boolean includeBaseline, int baselineLimit) {

    /** Defaults: chosen metric, 10,000 log lines, pass threshold 70, nothing optional. */
    public static final ObservabilityOptions DEFAULTS = new ObservabilityOptions(null, null, 10_000, 70, false, false,
            false, 5);

    public ObservabilityOptions {
        Checks.range("log_lines", logLines, 100, 100_000);
        if (!(passThreshold >= 0 && passThreshold <= 100)) {
            throw new IllegalArgumentException("pass_threshold must be between 0 and 100, got " + passThreshold);
        }
        Checks.range("baseline_limit", baselineLimit, 1, 20);
    }

    /** Everything included. */
    public ObservabilityOptions withAll() {
        return new ObservabilityOptions(metric, direction, logLines, passThreshold, true, true, true, baselineLimit);
    }
}
