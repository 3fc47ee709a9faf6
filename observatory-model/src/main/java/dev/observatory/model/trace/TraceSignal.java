package dev.observatory.model.trace;

/**
 * A condition on a call span, to find the traces behind a rate (the examples of an alert). LOW_CONFIDENCE and
 * PROMPT_DIFF_VIOLATION use the {@link StatsQuery}'s limits.
 */
public enum TraceSignal {
    ERROR, RETRY, FALLBACK, LOW_CONFIDENCE, GATE_BLOCKED, PROMPT_DIFF_VIOLATION, SHADOW_DISAGREEMENT,
    DETERMINISTIC_FALLBACK, HIGH_RISK_PATH, GOLDEN_FAILURE
}
