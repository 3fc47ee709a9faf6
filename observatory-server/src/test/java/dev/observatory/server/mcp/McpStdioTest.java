package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpExtras;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.model.NewRun;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** MCP over stdio in-process: newline-delimited JSON-RPC through pipes; the server stops when its input ends. */
class McpStdioTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    final InMemoryStorage store = new InMemoryStorage();
    final Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
    final Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);

    @AfterEach
    void close() {
        auditor.close();
    }

    @Test
    void answersEveryRequestReadBeforeInputClosed() throws Exception {
        var run = tracking.createRun(McpTestServer.ACTOR, NewRun.of("vision", "piped"));
        StringBuilder script = new StringBuilder();
        script.append("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n");
        script.append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        for (int id = 2; id <= 6; id++) {
            script.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id).append(
                    ",\"method\":\"tools/call\",\"params\":" + "{\"name\":\"get_run\",\"arguments\":{\"run_id\":\"")
                    .append(run.id()).append("\"}}}\n");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ToolRegistry registry = new ToolRegistry(tracking, new Meters(),
                new McpSettings(Set.of("core"), 8000, null, "test"));

        // the whole session arrives at once and stdin ends right after it, as with `cat requests | observatory mcp`
        McpStdio.serve(new java.io.ByteArrayInputStream(script.toString().getBytes(StandardCharsets.UTF_8)), out,
                tracking, registry, McpExtras.none());

        java.util.List<Integer> answered = out.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree)
                .map(n -> n.path("id").asInt()).sorted().toList();
        assertThat(answered).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void speaksMcpOverPipesAndReturnsWhenInputCloses() throws Exception {
        var run = tracking.createRun(McpTestServer.ACTOR, NewRun.of("vision", "baseline"));
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        ToolRegistry registry = new ToolRegistry(tracking, new Meters(),
                new McpSettings(Set.of("core"), 8000, null, "test"));
        Thread server = new Thread(
                () -> McpStdio.serve(Channels.newInputStream(toServer.source()),
                        Channels.newOutputStream(fromServer.sink()), tracking, registry, McpExtras.none()),
                "stdio-server");
        server.start();
        OutputStream in = Channels.newOutputStream(toServer.sink());
        BufferedReader out = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(fromServer.source()), StandardCharsets.UTF_8));

        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        JsonNode init = JSON.readTree(out.readLine());
        assertThat(init.path("id").asInt()).isEqualTo(1);
        assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("observatory");
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        JsonNode tools = JSON.readTree(out.readLine());
        assertThat(tools.path("result").path("tools").size()).as("the core toolset")
                .isEqualTo((int) dev.observatory.mcp.ToolCatalog.all().stream()
                        .filter(t -> t.enabledIn(java.util.Set.of("core"))).count());
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_run\","
                + "\"arguments\":{\"run_id\":\"" + run.id() + "\"}}}");
        JsonNode call = JSON.readTree(out.readLine());
        assertThat(call.path("result").path("structuredContent").path("run").path("name").asString())
                .isEqualTo("baseline");
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"get_run\","
                + "\"arguments\":{}}}");
        JsonNode bad = JSON.readTree(out.readLine());
        assertThat(bad.path("result").path("isError").asBoolean()).isTrue();
        assertThat(bad.path("result").path("content").get(0).path("text").asString()).contains("'run_id'");

        in.close();
        server.join(10_000);
        assertThat(server.isAlive()).as("serve() returns once stdin is closed").isFalse();
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
