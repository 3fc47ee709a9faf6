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
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers for the DuckDB backend: binding, mapping rows, UTC timestamps. */
final class DuckDbSql {

    private DuckDbSql() {
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
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
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
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
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
