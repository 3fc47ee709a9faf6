package dev.observatory.store;

/**
 * Log lines of a run, newest last in the result.
 *
 * @param grep
 *            case-insensitive substring (null: all lines)
 * @param level
 *            minimum level: ERROR, WARN, INFO, DEBUG (null: all). Lines without level count as INFO.
 * @param stream
 *            only this stream (null: all)
 * @param beforeSeq
 *            only lines with seq < beforeSeq (paging backwards; Long.MAX_VALUE for the tail)
 * @param limit
 *            1..10000: the last {@code limit} matching lines before beforeSeq
 */
public record LogQuery(String grep, String level, String stream, long beforeSeq, int limit) {

    public LogQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, got " + limit);
        }
    }

    public static LogQuery tail(int limit) {
        return new LogQuery(null, null, null, Long.MAX_VALUE, limit);
    }
}
