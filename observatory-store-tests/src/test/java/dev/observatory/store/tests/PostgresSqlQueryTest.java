package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.store.StorageComponent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read-only SQL on a real PostgreSQL: the read-only role is in force and may read only the queryable tables. */
class PostgresSqlQueryTest extends SqlQueryContract {

    private static EmbeddedPostgresServer server;
    private String schema;

    @BeforeAll
    static void startPostgres() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        server.close();
    }

    @Override
    StorageComponent newStorage() {
        schema = server.newSchema();
        return server.open(schema);
    }

    /** The example queries describe_schema shows on PostgreSQL (core's schema.properties) run on the real schema. */
    @Test
    void theDocumentedExampleQueriesRunHere() throws java.io.IOException {
        java.util.Properties guide = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("..", "observatory-core", "src",
                "main", "resources", "dev", "observatory", "core", "query", "schema.properties"))) {
            guide.load(in);
        }
        List<String> examples = guide.stringPropertyNames().stream()
                .filter(k -> k.matches("example\\.(any|postgres)\\.\\d+\\.sql")).sorted().toList();
        assertThat(examples).hasSizeBetween(5, 10);
        for (String key : examples) {
            String example = guide.getProperty(key).replace("RUN_ID", runA.id());
            assertThat(sql(example).columns()).as(key).isNotEmpty();
        }
    }

    @Test
    void runsUnderTheReadOnlyRole() {
        assertThat(sql("SELECT current_user AS who").rows()).containsExactly(List.of("observatory_query"));
        assertThat(storage.sql().sandbox()).contains("under the role observatory_query");
    }

    @Test
    void theRoleMayReadTheTrackingTablesButNotTheKeys() throws SQLException {
        storage.sql().tables();
        sql("SELECT 1");
        try (Connection c = server.admin().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT has_table_privilege('observatory_query', '" + schema
                        + ".runs', 'SELECT'), has_table_privilege('observatory_query', '" + schema
                        + ".api_keys', 'SELECT'), has_table_privilege('observatory_query', '" + schema
                        + ".runs', 'INSERT')")) {
            rs.next();
            assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).containsExactly(true, false,
                    false);
        }
    }
}
