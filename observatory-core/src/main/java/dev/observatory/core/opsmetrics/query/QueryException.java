package dev.observatory.core.opsmetrics.query;

/** A query that cannot be parsed or evaluated; the message says what to fix. */
public final class QueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }
}
