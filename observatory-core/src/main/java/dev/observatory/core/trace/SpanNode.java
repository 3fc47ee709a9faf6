package dev.observatory.core.trace;

import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;

/**
 * One span of a trace's compact tree: enough to see where time went and what failed, without attributes.
 *
 * @param depth
 *            0 for roots (and spans whose parent is missing), parent's depth + 1 otherwise
 * @param offsetMs
 *            start relative to the trace's start, in milliseconds
 * @param critical
 *            whether the span is on the critical path
 */
public record SpanNode(String spanId, String parentSpanId, int depth, String name, String service, SpanKind kind,
        SpanStatus status, double offsetMs, double durationMs, String model, String toolName, Long totalTokens,
        Double costUsd, String errorType, boolean critical) {
}
