package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `observatory mcp` as a real process: only MCP on stdout, and it exits when stdin closes. */
class McpStdioIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), StdioFixtureMain.class.getName());
    }

    @Test
    void theSdkClientTalksToTheSpawnedServer() {
        List<String> cmd = command();
        ServerParameters params = ServerParameters.builder(cmd.getFirst()).args(cmd.subList(1, cmd.size())).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(30)).build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).hasSize((int) dev.observatory.mcp.ToolCatalog.all().stream()
                    .filter(t -> t.enabledIn(java.util.Set.of("core"))).count());
            var r = client.callTool(new McpSchema.CallToolRequest("list_runs", Map.of("project", "vision")));
            assertThat(r.isError()).isFalse();
            assertThat(r.structuredContent().toString()).contains("baseline");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void stdoutCarriesOnlyJsonRpcAndTheProcessExitsWhenStdinCloses() throws Exception {
        Process p = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream in = p.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        Thread.sleep(500);
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        List<JsonNode> replies = new ArrayList<>();
        while (replies.size() < 3) {
            String line = out.readLine();
            assertThat(line).as("stdout ended early").isNotNull();
            JsonNode msg = JSON.readTree(line);
            assertThat(msg.path("jsonrpc").asString()).as("not JSON-RPC on stdout: " + line).isEqualTo("2.0");
            replies.add(msg);
        }
        assertThat(replies).extracting(r -> r.path("id").asInt()).containsExactlyInAnyOrder(1, 2, 3);
        in.close();
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("process exits after stdin closes").isTrue();
        assertThat(p.exitValue()).isZero();
        String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).as("nothing but MCP on stdout").isBlank();
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
