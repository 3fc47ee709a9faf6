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
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tool reaches the calling client's model through MCP sampling (ToolContext.clientModel, what generate_ai_query
 * uses), over the real Streamable HTTP transport: only when the client declared the sampling capability.
 */
class McpSamplingTest {
    private static McpTestServer s;

    /** A test tool that asks the client's model one question and returns the answer (null: no model). */
    static ToolDef askTool() {
        return new ToolDef("ask_client_model", "core", "Ask the client's model",
                "A test tool that asks the client's model through sampling.", InputSchema.of(),
                Schemas.object("the answer").build(), Hints.READ_ONLY,
                (args, ctx) -> Obj.of().with("has_model", ctx.clientModel() != null).with("answer",
                        ctx.clientModel() == null ? null
                                : ctx.clientModel().complete("You write SQL.", "How many runs?", 50)));
    }

    @BeforeAll
    static void start() {
        s = new McpTestServer(McpSettings.DEFAULT_BUDGET, McpHttpSettings.defaults(), List.of(askTool()));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClientThatSamplesAnswersWithItsOwnModel() {
        AtomicReference<McpSchema.CreateMessageRequest> asked = new AtomicReference<>();
        try (McpSyncClient c = McpClient
                .sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + s.server.port()).endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(20))
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().build()).sampling(req -> {
                    asked.set(req);
                    return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
                            .content(new McpSchema.TextContent("SELECT count(*) FROM runs")).model("test-model")
                            .build();
                }).build()) {
            c.initialize();
            CallToolResult r = c
                    .callTool(CallToolRequest.builder().name("ask_client_model").arguments(Map.of()).build());

            assertThat(r.isError()).isFalse();
            assertThat((Map<String, Object>) r.structuredContent()).containsEntry("has_model", true)
                    .containsEntry("answer", "SELECT count(*) FROM runs");
            assertThat(asked.get().systemPrompt()).isEqualTo("You write SQL.");
            assertThat(((McpSchema.TextContent) asked.get().messages().get(0).content()).text())
                    .isEqualTo("How many runs?");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClientWithoutSamplingGivesTheToolNoModel() {
        McpSyncClient c = s.client("");
        CallToolResult r = c.callTool(CallToolRequest.builder().name("ask_client_model").arguments(Map.of()).build());

        assertThat(r.isError()).isFalse();
        assertThat((Map<String, Object>) r.structuredContent()).containsEntry("has_model", false);
    }
}
