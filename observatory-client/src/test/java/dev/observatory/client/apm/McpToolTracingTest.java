package dev.observatory.client.apm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** MCP Java SDK tool specifications wrapped so that every call is a span. */
class McpToolTracingTest {
    final List<TraceContext> exported = new CopyOnWriteArrayList<>();

    private static SyncToolSpecification tool(String name, boolean isError) {
        return new SyncToolSpecification(Tool.builder().name(name).inputSchema(Map.of("type", "object")).build(),
                (exchange, request) -> {
                    if (request.arguments().containsKey("explode")) {
                        throw new IllegalArgumentException("bad");
                    }
                    return CallToolResult.builder().addTextContent("ok").isError(isError).build();
                });
    }

    @Test
    void eachToolCallBecomesAnMcpSpanWithItsOutcome() {
        try (Interceptor apm = Observatory.instrument("my-mcp-server", exported::addAll)) {
            List<SyncToolSpecification> tools = McpToolTracing.traced(apm,
                    List.of(tool("quote", false), tool("flaky", true)));

            CallToolResult ok = tools.get(0).callHandler().apply(null, new CallToolRequest("quote", Map.of()));
            tools.get(1).callHandler().apply(null, new CallToolRequest("flaky", Map.of()));
            assertThatThrownBy(
                    () -> tools.get(0).callHandler().apply(null, new CallToolRequest("quote", Map.of("explode", true))))
                            .isInstanceOf(IllegalArgumentException.class);

            assertThat(ok.isError()).isFalse();
            assertThat(tools.get(0).tool().name()).isEqualTo("quote");
        }

        assertThat(exported).extracting(TraceContext::spanName).containsExactly("tools/call quote", "tools/call flaky",
                "tools/call quote");
        assertThat(exported.get(0).attributes()).containsEntry("mcp.method.name", "tools/call")
                .containsEntry("gen_ai.tool.name", "quote").doesNotContainKey("error.type");
        assertThat(exported.get(1).error()).isEqualTo("tool_error");
        assertThat(exported.get(2).error()).isEqualTo("java.lang.IllegalArgumentException");
    }
}
