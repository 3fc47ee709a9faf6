package dev.observatory.client.apm;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/**
 * Tool-call spans for any server built on the MCP Java SDK, in one line:
 *
 * <pre>
 * McpServer.sync(transport).tools(McpToolTracing.traced(apm, myTools)).build();
 * </pre>
 *
 * Each call becomes a span {@code tools/call <tool>} with {@code mcp.method.name} and {@code gen_ai.tool.name} (OTel
 * MCP semantic conventions); an {@code isError} result is recorded with {@code error.type=tool_error}, an exception
 * with its class (and rethrown). Model calls intercepted inside the tool on the same thread become children of its
 * span. Needs the MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp-core}) on the classpath.
 */
public final class McpToolTracing {
    private McpToolTracing() {
    }

    /** The tool with its call handler timed by the interceptor. */
    public static SyncToolSpecification traced(Interceptor apm, SyncToolSpecification tool) {
        String name = tool.tool().name();
        Map<String, Object> attributes = Map.of("mcp.method.name", "tools/call", "gen_ai.tool.name", name,
                "gen_ai.operation.name", "execute_tool");
        return new SyncToolSpecification(tool.tool(), (exchange, request) -> {
            try {
                return apm.timed("tools/call " + name, attributes, () -> tool.callHandler().apply(exchange, request),
                        (CallToolResult r) -> r != null && Boolean.TRUE.equals(r.isError()) ? "tool_error" : null);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every tool of the list, traced. */
    public static List<SyncToolSpecification> traced(Interceptor apm, List<SyncToolSpecification> tools) {
        return tools.stream().map(t -> traced(apm, t)).toList();
    }
}
