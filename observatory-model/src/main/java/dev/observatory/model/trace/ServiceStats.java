package dev.observatory.model.trace;

/**
 * RED aggregates (rate, errors, duration) of the requests a service served in a window. A request is an entry span: one
 * of kind SERVER or CONSUMER, or a root span (no parent).
 *
 * @param operation
 *            the span name when grouped by operation, else null
 * @param errors
 *            requests with status ERROR or an error type
 * @param p50Nanos
 *            duration percentiles (continuous interpolation)
 */
public record ServiceStats(String service, String operation, long requests, long errors, long p50Nanos, long p95Nanos,
        long p99Nanos, long durationSumNanos) {
}
