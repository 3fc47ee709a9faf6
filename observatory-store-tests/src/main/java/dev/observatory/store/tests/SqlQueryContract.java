package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.RunStatus;
import dev.observatory.model.query.SqlColumn;
import dev.observatory.model.query.SqlQuery;
import dev.observatory.model.query.SqlResult;
import dev.observatory.model.query.SqlTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-only SQL ({@link dev.observatory.store.SqlQueryStore}) on a backend that has it (DuckDB, PostgreSQL): answers,
 * limits, and every kind of statement that must be refused, with the message that says why.
 */
abstract class SqlQueryContract extends StorageFixture {

    dev.observatory.model.Run runA;

    @BeforeEach
    void someRuns() {
        project("vision");
        project("nlp");
        runA = run("vision", "a", RunStatus.FINISHED, List.of("baseline"), Map.of("lr", 0.1));
        run("vision", "b", RunStatus.RUNNING, List.of(), Map.of("lr", 0.01));
        run("nlp", "c");
    }

    SqlResult sql(String sql) {
        return storage.sql().query(new SqlQuery(sql, 200, Duration.ofSeconds(20)));
    }

    void refused(String sql, String message) {
        assertThatThrownBy(() -> sql(sql)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aggregatesRunsPerProject() {
        SqlResult r = sql("SELECT project, count(*) AS runs FROM runs GROUP BY project ORDER BY project");

        assertThat(r.columns()).extracting(SqlColumn::name).containsExactly("project", "runs");
        assertThat(r.rows()).containsExactly(List.of("nlp", 1L), List.of("vision", 2L));
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void acceptsWithSelectATrailingSemicolonAndCommentsAndKeepsSemicolonsInsideStrings() {
        SqlResult r = sql("/* runs; per project */ WITH v AS (SELECT name FROM runs WHERE project = 'vision')"
                + " SELECT name, 'a;b' AS s FROM v ORDER BY name; -- done; really");

        assertThat(r.rows()).containsExactly(List.of("a", "a;b"), List.of("b", "a;b"));
    }

    @Test
    void rendersTimestampsAsInstants() {
        SqlResult r = sql("SELECT created_at FROM projects WHERE name = 'vision'");

        assertThat(r.rows().get(0).get(0)).isInstanceOf(Instant.class);
        assertThat((Instant) r.rows().get(0).get(0)).isBefore(Instant.now().plusSeconds(60))
                .isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void cutsAtTheRowLimitAndSaysSo() {
        SqlResult r = storage.sql().query(
                new SqlQuery("SELECT n FROM (VALUES (1), (2), (3)) AS v(n) ORDER BY n", 2, Duration.ofSeconds(20)));

        assertThat(r.rows()).containsExactly(List.of(1L), List.of(2L));
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void refusesASecondStatement() {
        refused("SELECT 1; DROP TABLE runs", "only one SELECT statement is allowed");
        refused("SELECT 1; SELECT 2", "only one SELECT statement is allowed");
        assertThat(sql("SELECT count(*) FROM runs").rows()).containsExactly(List.of(3L));
    }

    @Test
    void refusesWritesSettingsAttachExtensionsAndFiles() {
        refused("INSERT INTO projects (name, created_at) VALUES ('x', now())", "read-only");
        refused("DELETE FROM runs", "read-only");
        refused("UPDATE runs SET name = 'x'", "only one SELECT statement is allowed");
        refused("DROP TABLE runs", "read-only");
        refused("SET threads = 1", "changing settings is not allowed");
        refused("PRAGMA threads = 1", "changing settings is not allowed");
        refused("ATTACH '/tmp/other.db' AS other", "attaching databases is not allowed");
        refused("INSTALL httpfs", "loading extensions is not allowed");
        refused("LOAD httpfs", "loading extensions is not allowed");
        refused("CALL pragma_version()", "CALL is not allowed");
        refused("COPY runs TO '/tmp/runs.csv'", "file access is disabled");
        refused("SELECT * FROM read_csv('/etc/passwd')", "file access is disabled");
        refused("SELECT * FROM '/etc/passwd'", "file access is disabled");
        refused("WITH d AS (DELETE FROM runs RETURNING *) SELECT * FROM d", "read-only");
        assertThat(sql("SELECT count(*) FROM runs").rows()).containsExactly(List.of(3L));
    }

    @Test
    void hidesKeysAuditAndInternalTables() {
        refused("SELECT * FROM api_keys", "table api_keys is not queryable");
        refused("SELECT * FROM \"AUDIT_EVENTS\"", "table audit_events is not queryable");
        refused("SELECT * FROM schema_version", "not queryable");

        List<String> tables = storage.sql().tables().stream().map(SqlTable::name).toList();
        assertThat(tables).contains("runs", "projects", "log_lines", "artifacts", "spans").doesNotContain("api_keys",
                "audit_events", "schema_version");
    }

    @Test
    void reportsAnUnknownColumnAsTheQuerysFault() {
        refused("SELECT no_such_column FROM runs", "the query failed");
    }

    @Test
    void cancelsAQueryThatRunsForeverAndStaysUsable() {
        assertThatThrownBy(() -> storage.sql()
                .query(new SqlQuery(
                        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t", 10,
                        Duration.ofMillis(500)))).isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining("time limit");

        for (int i = 0; i < 3; i++) {
            assertThat(sql("SELECT count(*) FROM runs").rows()).containsExactly(List.of(3L));
        }
    }
}
