package dev.observatory.client.apm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL exporter writing the shipped schema on a real (embedded) PostgreSQL. */
class PostgresExporterTest {
    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Test
    void writesModelCallsAndTimedCallsIntoTheTracesTable() throws Exception {
        PostgresExporter exporter = new PostgresExporter(url(), "postgres", "");
        exporter.createSchema();
        exporter.createSchema();
        TraceContext call;
        try (Interceptor apm = Observatory.instrument("example-mcp", exporter,
                ApmSettings.defaults().withPrices(Map.of("gpt-4o", new double[] { 2.5, 10 })))) {
            call = apm.trace("tools/call quote",
                    () -> apm.interceptModelCall(ModelCall.of("gpt-4o").prompt("Hello MCP").response("Hello human")
                            .confidence(0.64).gateThreshold(0.70).highRiskPath(true).deterministicFallback(true)
                            .promptDiffScore(0.42).shadowAgreement(false).golden(true)
                            .latency(Duration.ofMillis(120))));
        }

        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT trace_id, parent_span_id, service, model, prompt_tokens,"
                        + " completion_tokens, tokens_estimated, cost_usd, confidence, fallback_used,"
                        + " attributes->>'observatory.confidence_gate.blocked' AS blocked,"
                        + " end_time - start_time AS took FROM traces WHERE span_id = '" + call.spanId() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("trace_id")).isEqualTo(call.traceId());
            assertThat(rs.getString("parent_span_id")).isNotNull();
            assertThat(rs.getString("service")).isEqualTo("example-mcp");
            assertThat(rs.getString("model")).isEqualTo("gpt-4o");
            assertThat(rs.getLong("prompt_tokens")).isEqualTo(3);
            assertThat(rs.getBoolean("tokens_estimated")).isTrue();
            assertThat(rs.getDouble("cost_usd")).isEqualTo(call.costUsd());
            assertThat(rs.getDouble("confidence")).isEqualTo(0.64);
            assertThat(rs.getString("blocked")).isEqualTo("true");
            assertThat(rs.getString("took")).isEqualTo("00:00:00.12");
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*), count(model) FROM traces WHERE trace_id = '" + call.traceId() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the tool call and the model call").isEqualTo(2);
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
    }

    @Test
    void aWrongUrlIsRefusedAtOnce() {
        assertThatThrownBy(() -> new PostgresExporter("jdbc:mysql://x/y", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql://");
    }
}
