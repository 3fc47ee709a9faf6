package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Small JDBC helpers for the DuckDB backend: binding, mapping rows, UTC timestamps. */
final class DuckDbSql {

    private static final int STATEMENTS_PER_CONNECTION = 256;
    private static final Map<Connection, StatementCache> STATEMENTS = new ConcurrentHashMap<>();

    private DuckDbSql() {
    }

    /**
     * Prepared statements of one connection, least recently used evicted (and closed). A connection is used by one
     * thread at a time (the writer, or a borrower from the read pool), so the cache needs no lock of its own.
     */
    private static final class StatementCache extends LinkedHashMap<String, PreparedStatement> {
        private static final long serialVersionUID = 1L;

        StatementCache() {
            super(64, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > STATEMENTS_PER_CONNECTION) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    }

    /** The connection's prepared statement for this SQL (DuckDB prepares are costly: reuse them). */
    private static PreparedStatement prepared(Connection c, String sql) throws SQLException {
        StatementCache cache = STATEMENTS.computeIfAbsent(c, k -> new StatementCache());
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            cache.put(sql, ps);
        }
        return ps;
    }

    /** Drops a statement after it threw (a DuckDB statement is closed once it throws). */
    private static void evict(Connection c, String sql) {
        StatementCache cache = STATEMENTS.get(c);
        PreparedStatement ps = cache == null ? null : cache.remove(sql);
        if (ps != null) {
            closeQuietly(ps);
        }
    }

    /** Closes and forgets the statements of a connection that is being closed. */
    static void forget(Connection c) {
        StatementCache cache = STATEMENTS.remove(c);
        if (cache != null) {
            cache.values().forEach(DuckDbSql::closeQuietly);
        }
    }

    private static void closeQuietly(Statement st) {
        try {
            st.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, List<?> args) throws SQLException {
        PreparedStatement ps = prepared(c, sql);
        try {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException | RuntimeException e) {
            evict(c, sql);
            throw e;
        }
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        return list(c, sql, mapper, List.of(args));
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        return update(c, sql, java.util.Arrays.asList(args));
    }

    static int update(Connection c, String sql, List<?> args) throws SQLException {
        PreparedStatement ps = prepared(c, sql);
        try {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            evict(c, sql);
            throw e;
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Instant t) {
                ps.setObject(i + 1, timestamp(t));
            } else if (a instanceof Double d) {
                ps.setDouble(i + 1, d);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    /** An instant as the UTC wall time stored in TIMESTAMP columns; null stays null. */
    static LocalDateTime timestamp(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
