package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolDef;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Long tools report progress to MCP clients that ask for it, over the real Streamable HTTP transport. */
class McpProgressTest {
    private static McpTestServer s;

    /** A test tool that works through three items, reporting each, 150 ms apart (past the notifier's throttle). */
    static ToolDef countingTool() {
        return new ToolDef("count_three", "core", "Count to three",
                "A test tool that reports progress 1, 2 and 3 of 3 while it works.", InputSchema.of(),
                Schemas.object("nothing").build(), Hints.READ_ONLY, (args, ctx) -> {
                    for (int i = 1; i <= 3; i++) {
                        ctx.progress().report(i, 3.0, "item " + i + " of 3");
                        try {
                            Thread.sleep(150);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Obj.of().with("counted", 3);
                });
    }

    @BeforeAll
    static void start() {
        s = new McpTestServer(McpSettings.DEFAULT_BUDGET, McpHttpSettings.defaults(), List.of(countingTool()));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static McpSyncClient client(List<ProgressNotification> seen) {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + s.server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(20)).progressConsumer(seen::add).build();
        c.initialize();
        return c;
    }

    @Test
    void aCallWithAProgressTokenReceivesEachStepAsANotification() {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        try (McpSyncClient c = client(seen)) {
            CallToolResult r = c.callTool(
                    CallToolRequest.builder().name("count_three").arguments(Map.of()).progressToken("p-42").build());

            assertThat(r.isError()).isFalse();
            assertThat(seen).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0);
            assertThat(seen).allSatisfy(n -> {
                assertThat(n.progressToken()).isEqualTo("p-42");
                assertThat(n.total()).isEqualTo(3.0);
            });
            assertThat(seen.get(2).message()).isEqualTo("item 3 of 3");
        }
    }

    @Test
    void aCallWithoutAProgressTokenGetsNoNotifications() {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        try (McpSyncClient c = client(seen)) {
            CallToolResult r = c.callTool(CallToolRequest.builder().name("count_three").arguments(Map.of()).build());

            assertThat(r.isError()).isFalse();
            assertThat(seen).isEmpty();
        }
    }
}
