package dev.observatory.client.apm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes traced calls into the {@code traces} table of {@code schema/postgres.sql} (shipped in this jar), for teams
 * that want the library without an Observatory server. Needs the PostgreSQL JDBC driver ({@code org.postgresql:
 * postgresql}) on the classpath. A call already written (same trace and span id) is skipped.
 */
public final class PostgresExporter implements ApmExporter {
    /** The schema file inside the jar. */
    public static final String SCHEMA_RESOURCE = "/schema/postgres.sql";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INSERT = "INSERT INTO traces (trace_id, span_id, parent_span_id, service, model,"
            + " tool_name, start_time, end_time, prompt_tokens, completion_tokens, tokens_estimated, cost_usd,"
            + " retries, fallback_used, confidence, error, attributes)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
            + " ON CONFLICT (trace_id, span_id) DO NOTHING";

    private final String url;
    private final String user;
    private final String password;

    /**
     * @param url
     *            a JDBC URL such as {@code jdbc:postgresql://db:5432/apm}
     */
    public PostgresExporter(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db) is needed, got '" + url + "'");
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Creates the table and indexes when missing (runs {@code schema/postgres.sql}). */
    public void createSchema() throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute(schema());
        }
    }

    /** The shipped schema script. */
    public static String schema() {
        try (InputStream in = PostgresExporter.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void export(List<TraceContext> batch) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (TraceContext t : batch) {
                bind(ps, t);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private static void bind(PreparedStatement ps, TraceContext t) throws SQLException {
        ps.setString(1, t.traceId());
        ps.setString(2, t.spanId());
        ps.setString(3, t.parentSpanId());
        ps.setString(4, t.service());
        ps.setString(5, t.model());
        ps.setString(6, t.toolName());
        ps.setTimestamp(7, Timestamp.from(t.startTime()));
        ps.setTimestamp(8, Timestamp.from(t.endTime()));
        ps.setLong(9, t.promptTokens());
        ps.setLong(10, t.completionTokens());
        ps.setBoolean(11, t.tokensEstimated());
        setDouble(ps, 12, t.costUsd());
        ps.setInt(13, t.retries());
        ps.setBoolean(14, t.fallbackUsed());
        setDouble(ps, 15, t.confidence());
        ps.setString(16, t.error());
        ps.setString(17, JSON.writeValueAsString(t.attributes()));
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
