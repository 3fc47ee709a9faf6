package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolDef;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /tools and POST /mcp/tool: the same handlers as MCP behind a plain JSON envelope. */
class ToolBridgeTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static McpTestServer s;
    final HttpClient http = HttpClient.newHttpClient();

    /** A core-toolset tool that takes far longer than the test's tool timeout. */
    static ToolDef slowTool() {
        return new ToolDef("slow_tool", "core", "Slow",
                "A test tool that sleeps for ten seconds, used to check the"
                        + " per-call timeout of the HTTP tool bridge; it never returns in time.",
                InputSchema.of(), Schemas.object("nothing").build(), Hints.READ_ONLY, (args, ctx) -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Obj.of();
                });
    }

    @BeforeAll
    static void start() {
        s = new McpTestServer(8000,
                McpHttpSettings.defaults().withMaxBodyBytes(2048).withToolTimeout(Duration.ofMillis(300)),
                List.of(slowTool()));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void getToolsListsTheToolsOfTheChosenToolsetsWithSchemas() throws Exception {
        JsonNode all = get("/tools");
        assertThat(all.path("toolsets").toString()).isEqualTo("[\"core\"]");
        JsonNode first = all.path("tools").get(0);
        assertThat(first.path("name").asString()).isEqualTo("list_toolsets");
        assertThat(first.path("input_schema").path("type").asString()).isEqualTo("object");
        assertThat(first.path("output_schema").path("properties").has("toolsets")).isTrue();
        assertThat(first.path("annotations").path("read_only_hint").asBoolean()).isTrue();
        assertThat(get("/tools?toolsets=runs").path("tools").size()).isZero();
    }

    @Test
    void postMcpToolRunsTheToolAndAnswersTheEnvelope() throws Exception {
        HttpResponse<String> r = call("{\"name\":\"get_run\",\"arguments\":{\"run_id\":\"" + s.baseline.id() + "\"}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("ok").asBoolean()).isTrue();
        assertThat(body.path("tool").asString()).isEqualTo("get_run");
        assertThat(body.path("request_id").asString()).isNotEmpty()
                .isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(body.path("data").path("run").path("name").asString()).isEqualTo("baseline");
        assertThat(body.path("result").get(0).path("type").asString()).isEqualTo("text");
        assertThat(JSON.readTree(body.path("result").get(0).path("text").asString())).isEqualTo(body.path("data"));
        assertThat(body.path("error").isNull()).isTrue();
    }

    @Test
    void errorsMapToStatusCodesWithTheToolsMessage() throws Exception {
        assertError(call("{\"name\":\"drop_everything\"}"), 404, "UNKNOWN_TOOL", "unknown tool 'drop_everything'");
        assertError(call("{\"name\":\"get_run\",\"arguments\":{}}"), 400, "INVALID_ARGUMENTS",
                "missing required argument 'run_id'");
        assertError(call("{\"name\":\"list_runs\",\"arguments\":{\"limit\":\"10\"}}"), 400, "INVALID_ARGUMENTS",
                "argument 'limit' must be an integer, got the string \"10\"");
        assertError(call("{\"name\":\"get_run\",\"arguments\":{\"run_id\":\"nope\"}}"), 404, "NOT_FOUND",
                "no run with id 'nope'");
        assertError(call("{\"name\":\"list_runs\",\"arguments\":{\"cursor\":\"bogus\"}}"), 400, "INVALID_CURSOR",
                "invalid or expired cursor");
        assertError(call("{\"name\": get_run"), 400, "INVALID_JSON", "not valid JSON");
        assertError(call("[1,2]"), 400, "INVALID_REQUEST", "must be a JSON object");
        assertError(call("{\"name\":\"get_run\",\"arguments\":[1]}"), 400, "INVALID_ARGUMENTS",
                "\"arguments\" must be a JSON object");
        JsonNode body = JSON.readTree(call("{\"name\":\"get_run\",\"arguments\":{}}").body());
        assertThat(body.path("result").get(0).path("text").asString()).contains("'run_id'");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"name\":\"search\",\"arguments\":{\"query\":\"" + "x".repeat(5000) + "\"}}";
        assertError(call(big), 413, "PAYLOAD_TOO_LARGE", "exceeds the limit of 2048 bytes");
    }

    @Test
    void aToolThatRunsPastTheTimeoutIs504() throws Exception {
        assertError(call("{\"name\":\"slow_tool\"}"), 504, "TOOL_TIMEOUT", "did not finish within");
    }

    private void assertError(HttpResponse<String> r, int status, String code, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("ok").asBoolean()).isFalse();
        assertThat(body.path("error").path("code").asString()).isEqualTo(code);
        assertThat(body.path("error").path("message").asString()).contains(message);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> call(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(s.uri("/mcp/tool")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
