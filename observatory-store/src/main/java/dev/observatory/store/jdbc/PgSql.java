package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A SQL text built piece by piece together with its bind values, in order. */
final class PgSql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> binds = new ArrayList<>();

    PgSql append(String sql, Object... values) {
        text.append(sql);
        binds.addAll(Arrays.asList(values));
        return this;
    }

    String text() {
        return text.toString();
    }

    /** Prepares the statement and binds the values; String[] values become text[] arrays. */
    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text.toString());
        try {
            for (int i = 0; i < binds.size(); i++) {
                Object v = binds.get(i);
                if (v instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
