package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.NewRun;
import dev.observatory.model.RunStatus;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transport behaviour of /mcp: toolsets per URL, sessions, DNS-rebinding protection, bounded answers. */
class McpHttpTransportTest {
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    static McpTestServer s;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        s = new McpTestServer(500, McpHttpSettings.defaults(), List.of());
        for (int i = 0; i < 40; i++) {
            s.tracking.createRun(McpTestServer.ACTOR, new NewRun("vision", "sweep-" + i + "-a-rather-long-run-name",
                    RunStatus.FINISHED, "bob", List.of("sweep", "tag-" + i), Map.of("lr", i), null, null, null, null));
        }
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void toolsetsOnTheUrlChooseTheToolsOfTheConnection() {
        McpSyncClient runsOnly = s.client("?toolsets=runs");
        assertThat(runsOnly.listTools().tools()).isEmpty();
        CallToolResult r = runsOnly.callTool(new CallToolRequest("get_run", Map.of("run_id", s.baseline.id())));
        assertThat(r.isError()).isTrue();
        assertThat(McpHttpTest.text(r)).contains("toolset 'core', which is not enabled");
        McpSyncClient all = s.client("?toolsets=all");
        assertThat(all.listTools().tools()).hasSize(dev.observatory.mcp.ToolCatalog.all().size());
        assertThat(all.callTool(new CallToolRequest("get_run", Map.of("run_id", s.baseline.id()))).isError()).isFalse();
    }

    @Test
    void anUnknownToolsetOnTheUrlIsRejectedWithTheValidNames() throws Exception {
        HttpResponse<String> r = post("/mcp?toolsets=core,nonsense", INIT, Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"code\":-32602").contains("unknown toolset 'nonsense'")
                .contains("core, runs, analysis");
    }

    @Test
    void anUnknownSessionIdIs404() throws Exception {
        HttpResponse<String> r = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                Map.of("Mcp-Session-Id", "no-such-session"));
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void initializeReturnsASessionId() throws Exception {
        HttpResponse<String> r = post("/mcp", INIT, Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(r.body()).contains("\"protocolVersion\":\"2025-11-25\"");
    }

    @Test
    void aForeignHostOrOriginIsRejected() throws IOException {
        assertThat(rawInitialize("evil.example.com", null)).startsWith("HTTP/1.1 4");
        assertThat(rawInitialize("127.0.0.1:" + s.server.port(), "http://evil.example.com")).startsWith("HTTP/1.1 4");
        assertThat(rawInitialize("localhost:" + s.server.port(), "http://localhost:" + s.server.port()))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void aLongListIsCutToTheBudgetAndNextCursorContinuesIt() {
        McpSyncClient c = s.client("");
        Set<Object> seen = new HashSet<>();
        Map<String, Object> args = Map.of("project", "vision", "limit", 200);
        CallToolResult r = c.callTool(new CallToolRequest("list_runs", args));
        int pages = 0;
        while (true) {
            pages++;
            assertThat(r.isError()).as(String.valueOf(r.content())).isFalse();
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) r.structuredContent();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> runs = (List<Map<String, Object>>) data.get("runs");
            runs.forEach(run -> assertThat(seen.add(run.get("id"))).isTrue());
            if (!data.containsKey("next_cursor")) {
                break;
            }
            assertThat(data).containsEntry("truncated", true);
            r = c.callTool(new CallToolRequest("list_runs",
                    Map.of("project", "vision", "limit", 200, "cursor", data.get("next_cursor"))));
        }
        assertThat(seen).hasSize(42);
        assertThat(pages).isGreaterThan(2);
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An initialize request with a chosen Host (java.net.http does not allow setting it); returns the status line. */
    private static String rawInitialize(String host, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            byte[] body = INIT.getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("");
        }
    }

    @Test
    void theSdkValidatorAppliesTheSameHostAndOriginRules() {
        var v = SecurityValidators.of(McpHttpSettings.defaults());
        assertThat(validates(v, "localhost:8765", null)).isTrue();
        assertThat(validates(v, "[::1]:8765", "http://127.0.0.1:3000")).isTrue();
        assertThat(validates(v, "evil.example.com", null)).isFalse();
        assertThat(validates(v, "localhost:8765", "http://evil.example.com")).isFalse();
        var configured = SecurityValidators.of(new McpHttpSettings(List.of("obs.internal"), List.of("*"), "0.0.0.0",
                1024, java.time.Duration.ofSeconds(1)));
        assertThat(validates(configured, "obs.internal:8765", "https://anything.example")).isTrue();
        assertThat(validates(configured, "other.internal", null)).isFalse();
    }

    private static boolean validates(io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator v, String host,
            String origin) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        h.put("Host", List.of(host));
        if (origin != null) {
            h.put("Origin", List.of(origin));
        }
        try {
            v.validate(new io.modelcontextprotocol.server.transport.HeaderAccessor() {
                @Override
                public List<String> getHeader(String name) {
                    return h.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                            .findFirst().orElse(List.of());
                }

                @Override
                public List<String> getHeaderNames() {
                    return List.copyOf(h.keySet());
                }
            });
            return true;
        } catch (io.modelcontextprotocol.server.transport.ServerTransportSecurityException e) {
            return false;
        }
    }

}
