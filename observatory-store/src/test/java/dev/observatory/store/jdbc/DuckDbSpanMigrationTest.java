package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V17 on a database that already holds spans: the trace key matches what ingest computes, and each child
 * whose parent is stored gets the parent's service.
 */
class DuckDbSpanMigrationTest {

    @TempDir
    Path dir;

    static String script(int version) throws IOException {
        try (InputStream in = DuckDbSpanMigrationTest.class.getClassLoader()
                .getResourceAsStream("db/duckdb/V" + version + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void insert(Statement st, String trace, String span, String parent, String service) throws SQLException {
        st.execute("INSERT INTO spans (trace_id, span_id, parent_span_id, service, name, kind, status, start_ns, "
                + "end_ns, duration_ns, tokens_estimated, scope, scope_version, attributes, resource, events, links) "
                + "VALUES ('" + trace + "', '" + span + "', " + (parent == null ? "NULL" : "'" + parent + "'") + ", '"
                + service + "', 'op', 'SERVER', 'OK', 1, 2, 1, false, '', '', '{}', '{}', '[]', '[]')");
    }

    @Test
    void v17FillsTheTraceKeyAndTheParentServiceOfStoredSpans() throws Exception {
        String hex = "0123456789abcdef0123456789abcdef";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("old.duckdb"));
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                    + "applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            for (int v = 1; v <= 16; v++) {
                for (String sql : Migrations.split(script(v))) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
            }
            insert(st, hex, "00000000000000a1", null, "gateway");
            insert(st, hex, "00000000000000a2", "00000000000000a1", "orders");
            insert(st, hex, "00000000000000a3", "00000000000000ff", "orders"); // parent never arrived
            insert(st, "not-a-hex-trace-id", "00000000000000b1", null, "x");

            assertThat(Migrations.apply(c, "duckdb")).isGreaterThanOrEqualTo(17);

            List<String> rows = DuckDbSql.list(c,
                    "SELECT span_id || ' ' || trace_key || ' ' || coalesce(parent_service, '-') FROM spans "
                            + "ORDER BY span_id",
                    rs -> rs.getString(1));
            long key = DuckDbTraces.traceKey(hex);
            assertThat(key).isNotZero();
            assertThat(rows).containsExactly("00000000000000a1 " + key + " -", "00000000000000a2 " + key + " gateway",
                    "00000000000000a3 " + key + " -", "00000000000000b1 0 -");
        }
    }
}
