package dev.observatory.core.trace;

import dev.observatory.model.trace.TraceQuery;
import java.time.Duration;
import java.time.Instant;

/**
 * A request for a page of traces (one row per trace).
 *
 * @param service
 *            traces with a span of this service; null for any
 * @param model
 *            traces with a call of this model; null for any
 * @param tool
 *            traces with a call of this tool; null for any
 * @param errors
 *            TRUE: only traces with an error; FALSE: only without; null: both
 * @param minDuration
 *            shortest trace; null for any
 * @param from
 *            earliest span start; null for no bound
 * @param to
 *            latest span start (exclusive); null for no bound
 * @param order
 *            RECENT (default) or SLOWEST
 * @param limit
 *            page size, 1 to {@link Traces#MAX_PAGE}
 * @param cursor
 *            the previous page's next cursor; null for the first page
 */
public record TraceListRequest(String service, String model, String tool, Boolean errors, Duration minDuration,
        Instant from, Instant to, TraceQuery.Order order, int limit, String cursor) {

    /** The most recent traces. */
    public static TraceListRequest recent(int limit) {
        return new TraceListRequest(null, null, null, null, null, null, null, TraceQuery.Order.RECENT, limit, null);
    }

    public TraceListRequest withCursor(String next) {
        return new TraceListRequest(service, model, tool, errors, minDuration, from, to, order, limit, next);
    }
}
