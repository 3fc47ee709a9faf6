package dev.observatory.store.jdbc;

import dev.observatory.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small versioned migration runner (see docs/decisions/0002-migrations.md). Scripts live on the classpath at
 * {@code db/<dialect>/V<n>.sql} for n = 1, 2, ... with no gaps; each is applied once, in order, inside a transaction,
 * and recorded in {@code schema_version}. Statements are separated by a line holding only {@code ;} or by a semicolon
 * at the end of a line.
 */
public final class Migrations {

    private Migrations() {
    }

    /** Applies every script newer than the database's version; returns the resulting version. */
    public static int apply(Connection c, String dialect) {
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        + "applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            }
            int current = currentVersion(c);
            int v = current;
            while (true) {
                String sql = load(dialect, v + 1);
                if (sql == null) {
                    break;
                }
                applyScript(c, sql, v + 1);
                v++;
            }
            c.setAutoCommit(auto);
            return v;
        } catch (SQLException e) {
            throw new StoreException("migration failed: " + e.getMessage(), e);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void applyScript(Connection c, String sql, int version) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String stmt : split(sql)) {
                st.execute(stmt);
            }
            st.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("V" + version + ": " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String load(String dialect, int version) {
        String path = "db/" + dialect + "/V" + version + ".sql";
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read " + path, e);
        }
    }
}
