package dev.observatory.core.opsmetrics.query;

import java.util.List;

/**
 * What a query evaluated to over its steps.
 *
 * @param steps
 *            evaluation times, epoch milliseconds (one for an instant query)
 * @param rows
 *            the series with at least one value, sorted by labels; a scalar result is one row without labels
 * @param scalar
 *            whether the query is a number rather than a vector
 * @param samplesRead
 *            stored samples the query read
 */
public record QueryResult(long[] steps, List<Row> rows, boolean scalar, long samplesRead) {
}
