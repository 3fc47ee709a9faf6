package dev.observatory.core;

import dev.observatory.store.RunQuery;
import java.util.List;

/**
 * A runs-table request: the query's filters and sort (limit/offset of the query are overridden by {@code limit} and the
 * cursor), the metric keys whose summaries to attach to each row, and the cursor from a previous page.
 */
public record RunListRequest(RunQuery query, List<String> metricKeys, String cursor, int limit) {

    public RunListRequest {
        metricKeys = metricKeys == null ? List.of() : List.copyOf(metricKeys);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
    }
}
