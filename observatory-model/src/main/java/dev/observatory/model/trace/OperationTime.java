package dev.observatory.model.trace;

/**
 * Where time goes in one operation (service and span name): its self time, the span's duration minus the durations of
 * its direct children (never below zero), summed over the spans in scope.
 *
 * @param traces
 *            distinct traces the operation's spans belong to
 * @param maxSelfNanos
 *            the largest self time of one span
 */
public record OperationTime(String service, String operation, long spans, long traces, long selfSumNanos,
        long durationSumNanos, long maxSelfNanos) {
}
