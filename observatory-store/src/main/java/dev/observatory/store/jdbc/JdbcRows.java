package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Plain JDBC statements for the artifact and lineage stores on both backends: bound values (a {@link Long}-typed null
 * is passed as {@link #NULL_BIGINT} so PostgreSQL sees its type), rows mapped by a lambda.
 */
final class JdbcRows {
    /** A SQL NULL of type BIGINT. */
    static final Object NULL_BIGINT = new Object();

    private JdbcRows() {
    }

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static Object bigint(Long v) {
        return v == null ? NULL_BIGINT : v;
    }

    static <T> List<T> query(Connection c, String sql, List<?> args, Mapper<T> mapper) throws SQLException {
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

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, Arrays.asList(args));
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (a == NULL_BIGINT) {
                ps.setNull(i + 1, Types.BIGINT);
            } else if (a instanceof String s) {
                ps.setString(i + 1, s);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                ps.setLong(i + 1, n);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    /** {@code (?, ?, ...)} with n placeholders (n &gt;= 1). */
    static String placeholders(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    /** A nullable BIGINT column. */
    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
