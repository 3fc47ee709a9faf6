package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpExtras;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ToolCatalog;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.server.http.HttpServer;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Read-only mode over real Streamable HTTP with the SDK client: tools/list shows only the tools annotated read-only
 * (the write tools are not even listed), and a write tool called by name anyway is refused.
 */
class ReadOnlyToolListTest {
    final InMemoryStorage store = new InMemoryStorage();
    final Tracking tracking = new Tracking(store, Clock.systemUTC(), true,
            new Auditor(store.audit(), Clock.systemUTC()));
    final Meters meters = new Meters();
    final McpHttp mcp = McpHttp.create(tracking,
            new ToolRegistry(tracking, meters,
                    new McpSettings(Set.of("core"), McpSettings.DEFAULT_BUDGET, "http://obs.test", "test")),
            McpExtras.none(), McpHttpSettings.defaults());
    final HttpServer server = mcp
            .mountOn(HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking).meters(meters)).build();
    McpSyncClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        server.stop();
        mcp.close();
        store.close();
    }

    McpSyncClient connect(String query) {
        server.start();
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint("/mcp" + query).build()).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    @Test
    void toolsListHidesEveryWriteToolAndAWriteToolCalledByNameIsRefused() {
        List<McpSchema.Tool> tools = connect("?toolsets=all").listTools().tools();
        long readOnlyTools = ToolCatalog.all().stream().filter(t -> t.hints().readOnly()).count();
        assertThat(readOnlyTools).isLessThan(ToolCatalog.all().size());
        assertThat(tools).hasSize((int) readOnlyTools);
        assertThat(tools).allSatisfy(t -> assertThat(t.annotations().readOnlyHint()).as(t.name()).isTrue());
        assertThat(tools).extracting(McpSchema.Tool::name).contains("list_deployments", "health_check", "list_runs")
                .doesNotContain("execute_deployment", "stop_deployment", "run_benchmark", "create_model");

        CallToolResult r = client.callTool(
                new CallToolRequest("execute_deployment", Map.of("model", "tiny", "command", List.of("serve"))));
        assertThat(r.isError()).isTrue();
        assertThat(((McpSchema.TextContent) r.content().getFirst()).text()).containsIgnoringCase("read-only");
    }
}
