package dev.observatory.model.query;

import java.time.Duration;

/**
 * One read-only SQL query over the tracking tables.
 *
 * @param sql
 *            a single SELECT (or WITH ... SELECT) statement
 * @param maxRows
 *            most rows returned; one more row is read to tell whether the result was cut
 * @param timeout
 *            the statement is cancelled when it runs longer
 */
public record SqlQuery(String sql, int maxRows, Duration timeout) {

    public SqlQuery {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be empty: give one SELECT statement");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }
}
