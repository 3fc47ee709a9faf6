package dev.observatory.model.trace;

/**
 * Calls from one service to another in a window: child spans whose parent span belongs to a different service. The
 * latency and the errors are the callee's (the child span's duration and status).
 *
 * @param caller
 *            the parent span's service
 * @param callee
 *            the child span's service
 * @param errors
 *            child spans with status ERROR or an error type
 */
public record ServiceEdge(String caller, String callee, long calls, long errors, long p50Nanos, long p95Nanos,
        long durationSumNanos) {
}
