package dev.observatory.model.trace;

/**
 * Which traces to list, one row per trace. A trace matches when any of its spans starting in [fromNanos, toNanos) has
 * the service, model and tool asked for; the row then sums up every span of the trace.
 *
 * @param service
 *            a span's service; null for any
 * @param model
 *            a span's model (exact); null for any
 * @param tool
 *            a span's tool name (exact); null for any
 * @param errors
 *            TRUE: only traces with an ERROR span; FALSE: only traces without; null: both
 * @param minDurationNanos
 *            shortest trace duration; 0 for any
 * @param fromNanos
 *            earliest span start (inclusive), epoch nanoseconds
 * @param toNanos
 *            latest span start (exclusive), epoch nanoseconds
 * @param order
 *            RECENT (start descending) or SLOWEST (duration descending); ties by trace id descending
 * @param after
 *            keyset cursor: the last row of the previous page (its order key and trace id); null for the first page
 * @param limit
 *            most rows (>= 1)
 */
public record TraceQuery(String service, String model, String tool, Boolean errors, long minDurationNanos,
        long fromNanos, long toNanos, Order order, After after, int limit) {

    /** Order of trace rows. */
    public enum Order {
        RECENT, SLOWEST
    }

    /** Position after which a page starts: the order key (start or duration nanos) and trace id of the last row. */
    public record After(long key, String traceId) {
    }

    public TraceQuery {
        order = order == null ? Order.RECENT : order;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (minDurationNanos < 0) {
            throw new IllegalArgumentException("min duration must not be negative");
        }
    }

    /** Every trace in the window, most recent first. */
    public static TraceQuery window(long fromNanos, long toNanos, int limit) {
        return new TraceQuery(null, null, null, null, 0, fromNanos, toNanos, Order.RECENT, null, limit);
    }

    public TraceQuery withAfter(After next) {
        return new TraceQuery(service, model, tool, errors, minDurationNanos, fromNanos, toNanos, order, next, limit);
    }
}
