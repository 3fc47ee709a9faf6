package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the DuckDB sandbox settings really do, statement by statement, on a connection duplicated from a locked-down
 * root (no SqlGuard in front): the engine itself refuses files, ATTACH, extensions and settings.
 */
class DuckDbSandboxTest {

    @TempDir
    Path dir;

    private DuckDBConnection root;
    private Connection user;

    @BeforeEach
    void lockedDownDatabase() throws SQLException {
        root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("db.duckdb"));
        exec(root, "CREATE TABLE runs (id VARCHAR, n INTEGER)");
        exec(root, "INSERT INTO runs VALUES ('a', 1), ('b', 2)");
        user = root.duplicate();
        DuckDbSandbox.lockDown(root);
    }

    @AfterEach
    void close() throws SQLException {
        user.close();
        root.close();
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void refused(String sql) {
        assertThatThrownBy(() -> exec(user, sql)).isInstanceOf(SQLException.class);
    }

    @Test
    void filesCannotBeReadOrWritten() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> exec(user, "SELECT * FROM read_csv('" + secret + "')"))
                .hasMessageContaining("Permission Error");
        refused("SELECT * FROM read_csv('/etc/passwd')");
        refused("SELECT * FROM read_text('/etc/passwd')");
        refused("SELECT * FROM '" + secret + "'");
        refused("SELECT * FROM glob('/etc/*')");
        refused("COPY runs TO '" + dir.resolve("out.csv") + "'");
        refused("COPY runs FROM '" + secret + "'");
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void databasesCannotBeAttachedNorExtensionsInstalledOrLoaded() {
        refused("ATTACH '" + dir.resolve("other.duckdb") + "' AS other");
        refused("INSTALL httpfs");
        refused("LOAD httpfs");
        assertThat(dir.resolve("other.duckdb")).doesNotExist();
    }

    @Test
    void settingsAreLockedOnEveryConnectionOfTheInstance() throws SQLException {
        refused("SET threads = 1");
        refused("PRAGMA threads = 1");
        refused("SET enable_external_access = true");
        refused("SET lock_configuration = false");
        refused("RESET lock_configuration");
        assertThatThrownBy(() -> exec(root, "SET memory_limit = '1GB'")).isInstanceOf(SQLException.class);
    }

    @Test
    void theStoreStillReadsAndWritesItsOwnFile() throws SQLException {
        exec(root, "INSERT INTO runs VALUES ('c', 3)");
        exec(root, "CHECKPOINT");
        try (Statement st = user.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM runs")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void aReadOnlyTransactionRefusesWrites() throws SQLException {
        exec(user, "BEGIN TRANSACTION READ ONLY");
        assertThatThrownBy(() -> exec(user, "INSERT INTO runs VALUES ('x', 9)")).hasMessageContaining("read-only");
        assertThatThrownBy(() -> exec(user, "CREATE TABLE t (x INTEGER)")).isInstanceOf(SQLException.class);
        exec(user, "ROLLBACK");
        try (Statement st = user.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM runs")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void theSubqueryWrapperTurnsAnythingButAQueryIntoASyntaxError() throws SQLException {
        assertThatThrownBy(() -> exec(user, JdbcSqlRunner.wrap("SELECT 1; DROP TABLE runs", 10)))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> exec(user, JdbcSqlRunner.wrap("DELETE FROM runs", 10)))
                .isInstanceOf(SQLException.class);
        try (Statement st = user.createStatement();
                ResultSet rs = st.executeQuery(JdbcSqlRunner.wrap("SELECT count(*) FROM runs -- comment", 10))) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }
}
