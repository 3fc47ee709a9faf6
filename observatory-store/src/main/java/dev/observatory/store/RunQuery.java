package dev.observatory.store;

import dev.observatory.model.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A runs-table query. All filters are ANDed; null/empty means no filter.
 *
 * @param project
 *            only runs of this project
 * @param statuses
 *            only runs whose status is in the set
 * @param tags
 *            runs having every one of these tags
 * @param params
 *            top-level params that must equal the given value, compared as strings ({@code "lr" -> "0.001"})
 * @param metricFilters
 *            thresholds on the latest value of a metric
 * @param nameContains
 *            case-insensitive substring of the run name
 * @param sort
 *            what to sort by: an attribute ({@code created_at, started_at, ended_at, name, status}) or
 *            {@code metric:<key>} for the latest value of a metric (runs without it sort last)
 * @param descending
 *            sort direction
 * @param limit
 *            page size, 1..1000
 * @param offset
 *            rows to skip (cursors encode it)
 */
public record RunQuery(String project, Set<RunStatus> statuses, List<String> tags, Map<String, String> params,
        List<MetricFilter> metricFilters, String nameContains, String sort, boolean descending, int limit,
        long offset) {

    public RunQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        tags = tags == null ? List.of() : List.copyOf(tags);
        params = params == null ? Map.of() : Map.copyOf(params);
        metricFilters = metricFilters == null ? List.of() : List.copyOf(metricFilters);
        sort = sort == null || sort.isBlank() ? "created_at" : sort;
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
    }

    public static RunQuery all(String project, int limit) {
        return new RunQuery(project, null, null, null, null, null, "created_at", true, limit, 0);
    }

    /** {@code metric op value} on the latest value. op is one of < <= > >= = !=. */
    public record MetricFilter(String key, String op, double value) {
        public MetricFilter {
            if (!Set.of("<", "<=", ">", ">=", "=", "!=").contains(op)) {
                throw new IllegalArgumentException(
                        "metric filter operator must be one of < <= > >= = !=, got '" + op + "'");
            }
        }
    }
}
