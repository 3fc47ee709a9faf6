package dev.observatory.model.query;

import java.util.Collections;
import java.util.List;

/**
 * The answer of one SQL query, column-wise described and row-wise held.
 *
 * @param columns
 *            the result's columns in order
 * @param rows
 *            up to the query's maxRows rows; each value is null, a String, Boolean, Long, Double, BigDecimal, Instant
 *            (timestamps, UTC), LocalDate, or a List of those (arrays)
 * @param truncated
 *            true when the query had more rows than maxRows
 * @param elapsedMillis
 *            time the database took, fetching included
 */
public record SqlResult(List<SqlColumn> columns, List<List<Object>> rows, boolean truncated, long elapsedMillis) {

    public SqlResult {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(rows);
    }
}
