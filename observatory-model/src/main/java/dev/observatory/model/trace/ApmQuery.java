package dev.observatory.model.trace;

/**
 * The spans an APM aggregate reads: those starting in [fromNanos, toNanos), of a service and an operation (span name)
 * when given.
 *
 * @param service
 *            a span's service; null for any
 * @param operation
 *            a span's name (an HTTP route such as "GET /orders/{id}", an RPC method); null for any
 */
public record ApmQuery(long fromNanos, long toNanos, String service, String operation) {

    public ApmQuery {
        if (toNanos <= fromNanos) {
            throw new IllegalArgumentException("'to' must be after 'from'");
        }
    }

    /** Every span of the window. */
    public static ApmQuery window(long fromNanos, long toNanos) {
        return new ApmQuery(fromNanos, toNanos, null, null);
    }
}
