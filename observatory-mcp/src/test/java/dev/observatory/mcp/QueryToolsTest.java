package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.RunStatus;
import dev.observatory.core.query.QuerySettings;
import dev.observatory.core.query.SqlQueries;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.query.QueryTools;
import dev.observatory.mcp.tool.Json;
import dev.observatory.core.query.TextModel;
import dev.observatory.mcp.tool.Progress;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query toolset over a real DuckDB file holding a few runs. */
class QueryToolsTest {
    @TempDir
    static Path dir;
    static DuckDbStorage store;
    static Auditor auditor;
    static Tracking tracking;
    static ToolRegistry tools;
    /** A registry whose output budget is small, so that answers get paged. */
    static ToolRegistry small;

    @BeforeAll
    static void demo() {
        Clock clock = Clock.fixed(TestData.NOW, ZoneOffset.UTC);
        store = DuckDbStorage.open(dir.resolve("observatory.duckdb"), clock);
        auditor = new Auditor(store.audit(), clock);
        tracking = new Tracking(store, clock, false, auditor);
        someRuns();
        tools = new ToolRegistry(tracking, new Meters(),
                new McpSettings(Set.of("query"), McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        small = new ToolRegistry(tracking, new Meters(),
                new McpSettings(Set.of("query"), 3_000, "http://obs.test", "1.0"));
    }

    /** Two projects, three runs with params and tags, 2,000 loss points and a few log lines. */
    static void someRuns() {
        tracking.createProject(TestData.ACTOR, "vision", "Image classifiers");
        tracking.createProject(TestData.ACTOR, "nlp", null);
        List<String> ids = new java.util.ArrayList<>();
        for (String name : List.of("baseline", "lr-high", "gpt")) {
            ids.add(tracking.createRun(TestData.ACTOR, new NewRun(name.equals("gpt") ? "nlp" : "vision", name,
                    RunStatus.FINISHED, "alice", List.of("baseline"), Map.of("lr", 0.001), null, null, null, null))
                    .id());
        }
        int n = 2_000;
        long[] steps = new long[n];
        double[] loss = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            loss[i] = 3.0 / Math.sqrt(1 + i);
            ts[i] = TestData.NOW.toEpochMilli() + i;
        }
        tracking.logMetrics(TestData.ACTOR, ids.get(0), Map.of("loss", new MetricColumns(steps, loss, ts)));
        tracking.logLines(TestData.ACTOR, ids.get(1),
                List.of(new LogLine(null, 0, TestData.NOW, "stderr", "ERROR", "CUDA out of memory"),
                        new LogLine(null, 0, TestData.NOW, "stdout", "INFO", "epoch 1")));
    }

    @AfterAll
    static void close() {
        auditor.close();
        store.close();
    }

    /** Every table of describe_schema, following next_cursor. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> allTables(ToolRegistry registry) {
        List<Map<String, Object>> tables = new java.util.ArrayList<>();
        Map<String, Object> args = new java.util.HashMap<>();
        for (int page = 0; page < 50; page++) {
            ToolOutcome o = call(registry, "describe_schema", args);
            assertThat(o.ok()).as(o.errorMessage()).isTrue();
            Map<String, Object> d = (Map<String, Object>) o.data();
            tables.addAll((List<Map<String, Object>>) d.get("tables"));
            if (d.get("next_cursor") == null) {
                return tables;
            }
            args.put("cursor", d.get("next_cursor"));
        }
        throw new AssertionError("describe_schema never ends");
    }

    static ToolOutcome call(ToolRegistry registry, String tool, Map<String, Object> args) {
        return registry.invoke(tool, args, TestData.ACTOR, Set.of("query"));
    }

    static Map<String, Object> ok(String tool, Map<String, Object> args) {
        return ok(tool, args, null);
    }

    /** Calls the tool as a client whose model (MCP sampling) is {@code clientModel}, and checks the answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(String tool, Map<String, Object> args, TextModel clientModel) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, Set.of("query"), Progress.NONE, clientModel);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(Calls.text(o)).isEqualTo(Json.write(o.data()));
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    static String error(String tool, Map<String, Object> args) {
        ToolOutcome o = call(tools, tool, args);
        assertThat(o.result().isError()).as("%s should fail", tool).isTrue();
        return o.errorMessage();
    }

    @Test
    void theToolsetHasThreeReadOnlyToolsWithOutputSchemas() {
        List<ToolDef> query = ToolCatalog.all().stream().filter(t -> t.in(QueryTools.TOOLSET)).toList();
        assertThat(query).extracting(ToolDef::name).containsExactly("describe_schema", "run_sql_query",
                "generate_ai_query");
        assertThat(query).allSatisfy(t -> {
            assertThat(t.hints().readOnly()).isTrue();
            assertThat(t.hints().destructive()).isFalse();
            assertThat(t.outputSchema()).containsKey("properties");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesTheQueryableTablesWithMeaningsAndExamples() {
        Map<String, Object> d = ok("describe_schema", Map.of());

        List<Object> names = allTables(tools).stream().map(t -> t.get("name")).toList();
        assertThat(allTables(small).stream().map(t -> t.get("name")).toList()).isEqualTo(names);
        assertThat(d.get("backend")).isEqualTo("duckdb");
        assertThat(names).contains("runs", "series", "metric_points", "log_lines").doesNotContain("api_keys",
                "audit_events");
        assertThat((List<?>) d.get("examples")).hasSizeBetween(5, 10);
        Map<String, Object> runs = ok("describe_schema", Map.of("tables", List.of("runs")));
        Map<String, Object> status = ((List<Map<String, Object>>) ((List<Map<String, Object>>) runs.get("tables"))
                .get(0).get("columns")).stream().filter(c -> c.get("name").equals("status")).findFirst().orElseThrow();
        assertThat((String) status.get("meaning")).contains("finished");
        assertThat(error("describe_schema", Map.of("tables", List.of("api_keys")))).contains("not queryable");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyExampleQueryRuns() {
        Map<String, Object> d = ok("describe_schema", Map.of());
        for (Map<String, Object> e : (List<Map<String, Object>>) d.get("examples")) {
            String sql = ((String) e.get("sql")).replace("RUN_ID", "x");
            assertThat(call(tools, "run_sql_query", Map.of("sql", sql)).ok()).as(sql).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersColumnWiseWithReadableTimestamps() {
        Map<String, Object> r = ok("run_sql_query",
                Map.of("sql", "SELECT name, created_at FROM projects ORDER BY name LIMIT 1"));

        assertThat((List<Map<String, Object>>) r.get("columns")).extracting(c -> c.get("name")).containsExactly("name",
                "created_at");
        List<List<Object>> rows = (List<List<Object>>) r.get("rows");
        assertThat(rows).hasSize(1);
        assertThat((String) rows.get(0).get(1)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(r.get("truncated")).isEqualTo(false);
    }

    @Test
    void saysWhenTheRowLimitCutTheResult() {
        Map<String, Object> r = ok("run_sql_query", Map.of("sql", "SELECT id FROM runs", "max_rows", 2));

        assertThat(r).containsEntry("row_count", 2).containsEntry("more_rows", true).containsEntry("truncated", true);
        assertThat((String) r.get("hint")).contains("LIMIT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pagesRowsThatDoNotFitTheOutputBudget() {
        String sql = "SELECT p.step, p.value, s.metric_key FROM metric_points p JOIN series s USING (series_id)"
                + " ORDER BY s.series_id, p.step";
        ToolOutcome o1 = call(small, "run_sql_query", Map.of("sql", sql, "max_rows", 1000));
        assertThat(o1.ok()).as(o1.errorMessage()).isTrue();
        Map<String, Object> first = (Map<String, Object>) o1.data();
        assertThat(first.get("truncated")).isEqualTo(true);
        assertThat(first.get("next_cursor")).isNotNull();
        int n = (Integer) first.get("row_count");

        ToolOutcome o2 = call(small, "run_sql_query",
                Map.of("sql", sql, "max_rows", 1000, "cursor", first.get("next_cursor")));
        assertThat(o2.ok()).as(o2.errorMessage()).isTrue();
        Map<String, Object> second = (Map<String, Object>) o2.data();
        assertThat(second.get("offset")).isEqualTo((long) n);
        assertThat(((List<List<Object>>) second.get("rows")).get(0))
                .isNotEqualTo(((List<List<Object>>) first.get("rows")).get(0));
    }

    @Test
    void refusesWhatIsNotOneReadOnlySelectWithASpecificMessage() {
        assertThat(error("run_sql_query", Map.of("sql", "SELECT 1; DROP TABLE runs")))
                .contains("only one SELECT statement is allowed");
        assertThat(error("run_sql_query", Map.of("sql", "SELECT * FROM read_csv('/etc/passwd')")))
                .contains("file access is disabled");
        assertThat(error("run_sql_query", Map.of("sql", "SELECT * FROM api_keys"))).contains("not queryable");
        assertThat(error("run_sql_query", Map.of("sql", "SELECT 1", "max_rows", 6000))).contains("max_rows");
        assertThat(
                error("run_sql_query",
                        Map.of("sql",
                                "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1"
                                        + " FROM t) SELECT count(*) FROM t",
                                "timeout_seconds", 0.3))).contains("time limit");
        assertThat(ok("run_sql_query", Map.of("sql", "SELECT 1 AS one"))).containsEntry("row_count", 1);
    }

    @Test
    void withoutSamplingOrEndpointReturnsTheContextForTheAssistant() {
        Map<String, Object> g = ok("generate_ai_query", Map.of("question", "Which runs have the lowest loss?"));

        assertThat(g).containsEntry("mode", "assistant").containsEntry("validated", false).doesNotContainKey("sql");
        assertThat((String) g.get("note")).contains("Write the SQL yourself");
        assertThat((String) g.get("context")).contains("metric_points").contains("Which runs have the lowest loss?");
    }

    @Test
    void usesTheClientsModelThroughSamplingAndTriesTheSql() {
        AtomicReference<String> prompt = new AtomicReference<>();
        Map<String, Object> g = ok("generate_ai_query", Map.of("question", "How many runs are there?"),
                (system, user, max) -> {
                    prompt.set(user);
                    return "Here you go:\n```sql\nSELECT count(*) AS n FROM runs;\n```";
                });

        assertThat(g).containsEntry("mode", "mcp_sampling").containsEntry("sql", "SELECT count(*) AS n FROM runs;")
                .containsEntry("validated", true).containsEntry("columns", List.of("n"));
        assertThat(prompt.get()).contains("How many runs are there?").contains("series");
    }

    @Test
    void fallsBackToTheAssistantWhenTheClientDeclinesToSample() {
        Map<String, Object> g = ok("generate_ai_query", Map.of("question", "How many runs are there?"),
                (system, user, max) -> {
                    throw new IllegalStateException("user declined");
                });

        assertThat(g).containsEntry("mode", "assistant");
        assertThat((String) g.get("note")).contains("MCP sampling failed (user declined)");
    }

    @Test
    void reportsGeneratedSqlThatDoesNotPassTheChecks() {
        Map<String, Object> g = ok("generate_ai_query", Map.of("question", "Remove all runs"),
                (system, user, max) -> "DELETE FROM runs");

        assertThat(g).containsEntry("validated", false);
        assertThat((String) g.get("validation_error")).contains("only one SELECT statement is allowed");
        assertThat(ok("run_sql_query", Map.of("sql", "SELECT count(*) AS n FROM runs"))).containsEntry("row_count", 1);
    }

    @Test
    void asksAConfiguredOpenAiCompatibleEndpointWithTheKeyInTheHeaderOnly() throws Exception {
        AtomicReference<String> auth = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v1/chat/completions", ex -> {
            auth.set(ex.getRequestHeaders().getFirst("Authorization"));
            body.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"SELECT name FROM projects\"}}]}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        http.start();
        try {
            Tracking configured = new Tracking(store, Clock.systemUTC(), false, auditor);
            SqlQueries.configure(configured,
                    new QuerySettings(5000, Duration.ofSeconds(10), new QuerySettings.AiEndpoint(
                            "http://127.0.0.1:" + http.getAddress().getPort() + "/v1", "tiny", "test-key")));
            ToolRegistry registry = new ToolRegistry(configured, new Meters(),
                    new McpSettings(Set.of("query"), 8_000, "http://obs.test", "1.0"));
            ToolOutcome o = call(registry, "generate_ai_query", Map.of("question", "List the projects"));

            assertThat(o.ok()).as(o.errorMessage()).isTrue();
            assertThat(Json.write(o.data())).contains("\"mode\":\"openai_compatible\"").contains("\"validated\":true")
                    .doesNotContain("test-key");
            assertThat(auth.get()).isEqualTo("Bearer test-key");
            assertThat(body.get()).contains("\"model\":\"tiny\"").contains("List the projects");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void memoryStorageSaysThatSqlNeedsDuckDbOrPostgres() {
        try (InMemoryStorage memory = new InMemoryStorage()) {
            Auditor a = new Auditor(memory.audit(), Clock.systemUTC());
            ToolRegistry registry = new ToolRegistry(new Tracking(memory, Clock.systemUTC(), false, a), new Meters(),
                    new McpSettings(Set.of("query"), 8_000, "http://obs.test", "1.0"));
            ToolOutcome o = call(registry, "run_sql_query", Map.of("sql", "SELECT 1"));
            assertThat(o.result().isError()).isTrue();
            assertThat(o.errorMessage()).contains("SQL queries need the DuckDB or PostgreSQL storage");
            a.close();
        }
    }
}
