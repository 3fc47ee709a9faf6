package dev.observatory.core.analysis;

/**
 * A problem holding a run back.
 *
 * @param code
 *            stable upper-case code (DIVERGENCE, OUT_OF_MEMORY, REPEATED_ERRORS, NAN_IN_LOGS, METRIC_DROP, PLATEAU,
 *            OVERFITTING, NO_IMPROVEMENT, REGRESSION, STILL_IMPROVING, THROUGHPUT_UNSTABLE, THROUGHPUT_DECLINE,
 *            RUN_FAILED, NON_FINITE_VALUES)
 * @param severity
 *            "info", "warning" or "critical"
 * @param message
 *            one sentence for people
 * @param confidence
 *            0..1
 * @param confidenceSource
 *            how the confidence was derived (the detector's own source id, e.g. "jump_z_v1", "log_signature_count_v1")
 * @param metric
 *            the metric it concerns, null for log or run facts
 * @param step
 *            where it happened, when known
 */
public record Bottleneck(String code, String severity, String message, double confidence, String confidenceSource,
        String metric, Long step) {
}
