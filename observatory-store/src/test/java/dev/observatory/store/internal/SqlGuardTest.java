package dev.observatory.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlGuardTest {

    private final SqlGuard guard = new SqlGuard(Set.of("api_keys", "audit_events"));

    private void refused(String sql, String message) {
        assertThatThrownBy(() -> guard.check(sql)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void keepsOneSelectAndDropsTrailingSemicolons() {
        assertThat(guard.check("  SELECT 1 ;; \n")).isEqualTo("SELECT 1");
        assertThat(guard.check("WITH a AS (SELECT 1) SELECT * FROM a")).startsWith("WITH");
        assertThat(guard.check("(SELECT 1) UNION (SELECT 2)")).isEqualTo("(SELECT 1) UNION (SELECT 2)");
    }

    @Test
    void semicolonsAndKeywordsInsideStringsCommentsAndQuotedNamesAreText() {
        assertThat(guard.check("SELECT 'a;b; DROP TABLE x' AS \"x;y\" -- ; delete\n FROM runs /* ; insert */"))
                .endsWith("FROM runs");
        assertThat(guard.check("SELECT 'it''s; fine'")).isEqualTo("SELECT 'it''s; fine'");
        assertThat(guard.check("SELECT $$a;b$$, $tag$ ; drop $tag$")).contains("$tag$");
        assertThat(guard.check("SELECT E'it\\'s; fine'")).isEqualTo("SELECT E'it\\'s; fine'");
    }

    @Test
    void aBackslashEndsAStandardStringSoTheSemicolonAfterItCounts() {
        refused("SELECT 'a\\'; DROP TABLE runs; --'", "only one SELECT statement is allowed");
    }

    @Test
    void aLineCommentEndsAtACarriageReturnLikeInTheDatabase() {
        refused("SELECT 1 -- note\r; DELETE FROM runs", "only one SELECT statement is allowed");
    }

    @Test
    void refusesMoreThanOneStatement() {
        refused("SELECT 1; SELECT 2", "only one SELECT statement is allowed");
        refused("SELECT 1; DROP TABLE runs", "only one SELECT statement is allowed");
    }

    @Test
    void refusesStatementsThatAreNotQueriesWithTheReason() {
        refused("INSERT INTO runs VALUES (1)", "read-only");
        refused("SET threads = 1", "changing settings is not allowed");
        refused("PRAGMA database_list", "changing settings is not allowed");
        refused("ATTACH 'x.db'", "attaching databases is not allowed");
        refused("INSTALL httpfs", "loading extensions is not allowed");
        refused("LOAD httpfs", "loading extensions is not allowed");
        refused("COPY runs TO 'x.csv'", "file access is disabled");
        refused("CALL pragma_version()", "CALL is not allowed");
        refused("EXPLAIN SELECT 1", "only one SELECT statement is allowed");
        refused("SELECT * INTO t FROM runs", "read-only");
        refused("WITH d AS (DELETE FROM runs RETURNING *) SELECT * FROM d", "read-only");
    }

    @Test
    void refusesFileFunctionsAndFileScans() {
        refused("SELECT * FROM read_csv('/etc/passwd')", "file access is disabled: read_csv()");
        refused("SELECT * FROM READ_PARQUET ('x.parquet')", "file access is disabled: read_parquet()");
        refused("SELECT * FROM glob('/etc/*')", "file access is disabled");
        refused("SELECT pg_read_file('/etc/passwd')", "file access is disabled");
        refused("SELECT * FROM '/etc/passwd'", "file access is disabled");
        refused("SELECT * FROM query('SELECT 1')", "function query() is not allowed");
        refused("SELECT set_config('role', 'postgres', true)", "function set_config() is not allowed");
        refused("SELECT pg_advisory_lock(1)", "not allowed");
    }

    @Test
    void refusesHiddenTablesHoweverTheyAreSpelled() {
        refused("SELECT * FROM api_keys", "table api_keys is not queryable");
        refused("SELECT * FROM main.\"API_KEYS\"", "table api_keys is not queryable");
        refused("SELECT * FROM (WITH x AS (SELECT 1) SELECT 1), audit_events", "table audit_events is not queryable");
    }

    @Test
    void refusesEmptyAndUnterminatedText() {
        refused("  ; ", "empty");
        refused("-- only a comment", "empty");
        refused("SELECT 'open", "unterminated string");
        refused("SELECT 1 /* open", "unterminated block comment");
        refused("SELECT \"open", "unterminated quoted identifier");
        refused("SELECT /* a /* b */ 1; DROP TABLE runs; */ 1", "nested block comments");
    }
}
