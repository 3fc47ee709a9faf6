package dev.observatory.store.jdbc;

import dev.observatory.model.query.SqlColumn;
import dev.observatory.model.query.SqlResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one checked query on a sandboxed connection (shared by DuckDB and PostgreSQL): the query is wrapped in
 * {@code SELECT * FROM (...) LIMIT maxRows + 1} (so only a query fits, and the database stops after the rows it is
 * asked for), cancelled with {@link Statement#cancel()} when it outlives its time limit, and its values are turned into
 * plain Java values (timestamps as UTC instants).
 */
final class JdbcSqlRunner {

    /** One daemon thread cancels statements that outlive their limit. */
    private static final ScheduledExecutorService CANCELLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "observatory-sql-timeout");
        t.setDaemon(true);
        return t;
    });

    private JdbcSqlRunner() {
    }

    /** The checked statement wrapped as a subquery with the row limit (a trailing line comment stays harmless). */
    static String wrap(String statement, int maxRows) {
        return "SELECT * FROM (\n" + statement + "\n) AS observatory_query LIMIT " + (maxRows + 1L);
    }

    /**
     * Runs the statement; a statement still running after {@code timeout} is cancelled and reported as a timeout.
     *
     * @throws IllegalArgumentException
     *             when the query times out or the database refuses it (the message says why)
     */
    static SqlResult run(Connection c, String statement, int maxRows, Duration timeout, SqlErrors errors)
            throws SQLException {
        long start = System.nanoTime();
        Cancel cancel = new Cancel();
        try (Statement st = c.createStatement()) {
            ScheduledFuture<?> timer = CANCELLER.schedule(() -> cancel.fire(st), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try (ResultSet rs = st.executeQuery(wrap(statement, maxRows))) {
                ResultSetMetaData md = rs.getMetaData();
                List<SqlColumn> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(new SqlColumn(md.getColumnLabel(i), md.getColumnTypeName(i)));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    rows.add(row(rs, md));
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new SqlResult(columns, rows, truncated, millis);
            } catch (SQLException e) {
                if (cancel.fired() || errors.isTimeout(e)) {
                    throw new IllegalArgumentException(timeoutMessage(timeout), e);
                }
                throw errors.translate(e);
            } finally {
                cancel.finish();
                timer.cancel(false);
            }
        }
    }

    static String timeoutMessage(Duration timeout) {
        return "the query ran longer than its time limit of " + timeout.toMillis() / 1000.0 + " s and was cancelled:"
                + " filter with WHERE, aggregate, or add a LIMIT";
    }

    /**
     * The time limit of one statement: cancelling and finishing exclude each other, so a late timer never interrupts
     * the connection once the statement is done (it may already run the next query).
     */
    private static final class Cancel {
        private boolean done;
        private boolean fired;

        synchronized void fire(Statement st) {
            if (done) {
                return;
            }
            fired = true;
            try {
                st.cancel();
            } catch (SQLException | RuntimeException e) {
                // the statement finished meanwhile
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        synchronized void finish() {
            done = true;
        }
    }

    private static List<Object> row(ResultSet rs, ResultSetMetaData md) throws SQLException {
        List<Object> row = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            row.add(value(rs, md, i));
        }
        return Collections.unmodifiableList(row);
    }

    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        String typeName = String.valueOf(md.getColumnTypeName(i)).toLowerCase(Locale.ROOT);
        int type = md.getColumnType(i);
        if (typeName.contains("timestamptz") || typeName.contains("with time zone")) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        if (type == Types.TIMESTAMP || typeName.startsWith("timestamp")) {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
        if (type == Types.DATE) {
            return rs.getObject(i, LocalDate.class);
        }
        return plain(rs.getObject(i));
    }

    /** A JDBC value as null, String, Boolean, Long, Double, BigDecimal, Instant, LocalDate or a List of those. */
    static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof BigDecimal || v instanceof Instant || v instanceof LocalDate) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        if (v instanceof Array a) {
            return array(a);
        }
        return v.toString();
    }

    private static List<Object> array(Array a) throws SQLException {
        Object raw = a.getArray();
        List<Object> out = new ArrayList<>();
        if (raw instanceof Object[] items) {
            for (Object item : items) {
                out.add(plain(item));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** How one engine's errors read. */
    interface SqlErrors {
        /** Whether the error is the engine's own statement timeout or cancellation. */
        boolean isTimeout(SQLException e);

        /** The error as IllegalArgumentException (the query's fault) or StoreException (the database's). */
        RuntimeException translate(SQLException e);
    }

    /** The first line of an engine message (DuckDB adds context lines, PostgreSQL a position). */
    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
