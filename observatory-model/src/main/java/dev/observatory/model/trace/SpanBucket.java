package dev.observatory.model.trace;

/**
 * Requests (entry spans, as in {@link ServiceStats}) that started in one time bucket.
 *
 * @param startNanos
 *            bucket start, a multiple of the bucket width
 */
public record SpanBucket(long startNanos, long requests, long errors, long p50Nanos, long p95Nanos, long p99Nanos) {
}
