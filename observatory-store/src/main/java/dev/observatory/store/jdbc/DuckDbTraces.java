package dev.observatory.store.jdbc;

import dev.observatory.model.trace.TracedSpan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Spans in DuckDB, written on the writer thread (group-committed with the other writes). A batch first reads the keys
 * stored with a start time in its range (zone maps skip the other row groups; for new spans that is next to nothing),
 * then appends the spans not among them with the Appender. When that range already holds many spans, the batch goes
 * through the staging table {@code spans_in} and an anti-join instead. Row values (JSON) are encoded on the caller's
 * thread.
 */
final class DuckDbTraces extends JdbcTraces {

    /** Most stored keys read back for the duplicate check before comparing in the database instead. */
    static final int CHECK_LIMIT = 4096;
    /** Keys of the spans stored with a start in a range (the batch's). */
    private static final String STORED_IN_RANGE = "SELECT trace_id || span_id FROM spans "
            + "WHERE start_ns BETWEEN ? AND ? LIMIT ?";

    /** Copies the staged spans whose key is not stored yet (a re-sent span has the same start time). */
    private static final String INSERT_NEW = "INSERT INTO spans SELECT i.* FROM spans_in i WHERE NOT EXISTS ("
            + "SELECT 1 FROM spans s WHERE s.start_ns BETWEEN ? AND ? AND s.trace_id = i.trace_id "
            + "AND s.span_id = i.span_id AND s.start_ns = i.start_ns)";

    private static final String TRACE_RANGE = "SELECT min(start_ns), max(start_ns) FROM spans WHERE trace_id = ?";
    private static final String TRACE_SPANS = "SELECT " + JdbcSpanRows.SELECT + " FROM spans WHERE start_ns "
            + "BETWEEN ? AND ? AND trace_id = ? ORDER BY start_ns, span_id";
    private static final long UNKNOWN = Long.MIN_VALUE + 1;

    private final DuckDbConnections db;
    /** Latest start_ns stored (or written in the current transaction); touched only on the writer thread. */
    private long latestStart = UNKNOWN;
    private final DuckDbWriter writer;

    DuckDbTraces(DuckDbConnections db, DuckDbWriter writer) {
        super(new JdbcTraceSql.Dialect() {
            @Override
            public String quantile(double p) {
                return "coalesce(quantile_cont(duration_ns, " + p + "), 0)";
            }

            @Override
            public String binaryOrder() {
                return "";
            }

            @Override
            public String quantiles(double... ps) {
                return "quantile_cont(duration_ns, " + java.util.Arrays.toString(ps) + ")";
            }
        });
        this.db = db;
        this.writer = writer;
    }

    @Override
    <T> T read(Work<T> work) {
        return db.read(work::run);
    }

    /**
     * In two steps: the trace's start-time range from the trace_id column alone, then its spans within that range, so
     * that zone maps skip every row group outside it and the wide columns (JSON) are read only where the trace lies.
     */
    @Override
    public List<TracedSpan> trace(String traceId) {
        return read(c -> {
            List<long[]> range = query(c, TRACE_RANGE, List.of(traceId),
                    rs -> rs.getObject(1) == null ? null : new long[] { rs.getLong(1), rs.getLong(2) });
            if (range.isEmpty() || range.get(0) == null) {
                return List.of();
            }
            return query(c, TRACE_SPANS, List.of(range.get(0)[0], range.get(0)[1], traceId), JdbcSpanRows::read);
        });
    }

    @Override
    public void write(List<TracedSpan> spans) {
        if (spans.isEmpty()) {
            return;
        }
        List<TracedSpan> distinct = JdbcSpanRows.distinct(spans);
        List<Object[]> rows = new ArrayList<>(distinct.size());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (TracedSpan s : distinct) {
            rows.add(JdbcSpanRows.values(s)); // JSON encoding on the caller's thread, not the writer's
            min = Math.min(min, s.span().startNanos());
            max = Math.max(max, s.span().startNanos());
        }
        long from = min;
        long to = max;
        writer.write(c -> {
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            long latest = latestStart(c);
            latestStart = Math.max(latest, to);
            List<String> stored = from > latest ? List.of() // later than anything stored: nothing to compare
                    : DuckDbSql.list(c, STORED_IN_RANGE, rs -> rs.getString(1), from, to, CHECK_LIMIT + 1);
            if (stored.size() > CHECK_LIMIT) {
                staged(duck, rows, from, to); // many spans stored in that time range: let the database compare
                return null;
            }
            Set<String> skip = new HashSet<>(stored);
            try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans")) {
                for (Object[] row : rows) {
                    if (skip.isEmpty() || !skip.contains(key(row))) {
                        appendRow(appender, row);
                    }
                }
            }
            return null;
        });
    }

    /**
     * The latest span start stored, read once; afterwards kept on the writer thread (it may run ahead of what a rolled
     * back transaction left, which only costs a check that was not needed).
     */
    private long latestStart(java.sql.Connection c) throws SQLException {
        if (latestStart == UNKNOWN) {
            latestStart = DuckDbSql.count(c, "SELECT coalesce(max(start_ns), " + Long.MIN_VALUE + ") FROM spans");
        }
        return latestStart;
    }

    private static String key(Object[] row) {
        return (String) row[0] + row[1];
    }

    private static void staged(DuckDBConnection duck, List<Object[]> rows, long from, long to) throws SQLException {
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans_in")) {
            for (Object[] row : rows) {
                appendRow(appender, row);
            }
        }
        DuckDbSql.update(duck, INSERT_NEW, from, to);
        DuckDbSql.exec(duck, "DELETE FROM spans_in");
    }

    private static void appendRow(DuckDBAppender a, Object[] values) throws SQLException {
        a.beginRow();
        for (Object v : values) {
            switch (v) {
                case null -> a.appendNull();
                case String s -> a.append(s);
                case Long l -> a.append(l.longValue());
                case Integer i -> a.append(i.intValue());
                case Double d -> a.append(d.doubleValue());
                case Boolean b -> a.append(b.booleanValue());
                default -> throw new IllegalStateException("unexpected span column value " + v.getClass());
            }
        }
        a.endRow();
    }

    @Override
    public long deleteBefore(long startNanos) {
        return writer.write(c -> (long) DuckDbSql.update(c, "DELETE FROM spans WHERE start_ns < ?", startNanos));
    }
}
