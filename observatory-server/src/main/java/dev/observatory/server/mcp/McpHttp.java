package dev.observatory.server.mcp;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpExtras;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ObservatoryMcp;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.server.http.HttpServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;

/**
 * MCP over Streamable HTTP plus the HTTP tool bridge, ready to mount on the HTTP server:
 * <ul>
 * <li>{@code /mcp} ({@link #mcpServlet()}, asyncSupported): the SDK's
 * {@link HttpServletStreamableServerTransportProvider} with its own DNS-rebinding validator (same allowed hosts and
 * origins as the HTTP filter).</li>
 * <li>{@code GET /tools} and {@code POST /mcp/tool} ({@link ToolBridge}): the same tool handlers for clients that do
 * not speak MCP.</li>
 * </ul>
 * Toolsets per connection: one {@link McpSyncServer} holds every tool; a tool filter shows each request the tools of
 * the toolsets named by {@code ?toolsets=} on its URL (the configured toolsets without it), and calls to other tools
 * are answered as unknown. The SDK supports this through {@code McpSyncListFilter} and the transport context, so no
 * server per toolset selection is needed.
 */
public final class McpHttp implements AutoCloseable {
    public static final String MCP_PATH = "/mcp";
    public static final String TOOLS_PATH = "/tools";
    public static final String TOOL_CALL_PATH = "/mcp/tool";

    private final ToolRegistry registry;
    private final McpSyncServer server;
    private final McpServlet mcpServlet;
    private final ToolBridge bridge;

    private McpHttp(Tracking tracking, ToolRegistry registry, McpExtras extras, McpHttpSettings http) {
        this.registry = registry;
        Set<String> defaults = registry.settings().toolsets();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint(MCP_PATH)
                .httpHeaderValidator(SecurityValidators.of(http))
                .maxRequestSize((int) Math.min(Integer.MAX_VALUE, http.maxBodyBytes()))
                .contextExtractor(req -> context(req, defaults))
                // pings keep idle SSE streams open under the connector's idle timeout (request_timeout_seconds)
                .keepAliveInterval(java.time.Duration.ofSeconds(15)).build();
        this.server = ObservatoryMcp.create(transport, tracking, registry, extras);
        this.mcpServlet = new McpServlet(transport);
        this.bridge = new ToolBridge(registry, http);
    }

    /** The MCP endpoint and bridge over Observatory's tools. */
    public static McpHttp create(Tracking tracking, Meters meters, McpSettings settings, McpHttpSettings http) {
        return new McpHttp(tracking, new ToolRegistry(tracking, meters, settings), McpExtras.none(), http);
    }

    /** Over a given registry and extra SDK features (tests and the conformance fixture). */
    public static McpHttp create(Tracking tracking, ToolRegistry registry, McpExtras extras, McpHttpSettings http) {
        return new McpHttp(tracking, registry, extras, http);
    }

    /** Mounts {@code /mcp}, {@code /tools} and {@code /mcp/tool} on the server being built. */
    public HttpServer.Builder mountOn(HttpServer.Builder builder) {
        return builder.addServlet(MCP_PATH, mcpServlet, true).addServlet(TOOLS_PATH, bridge.toolsServlet(), false)
                .addServlet(TOOL_CALL_PATH, bridge.callServlet(), false);
    }

    /** The servlet for {@code /mcp}; mount with asyncSupported=true. */
    public HttpServlet mcpServlet() {
        return mcpServlet;
    }

    /** The servlet for {@code GET /tools}. */
    public HttpServlet toolsServlet() {
        return bridge.toolsServlet();
    }

    /** The servlet for {@code POST /mcp/tool}. */
    public HttpServlet toolCallServlet() {
        return bridge.callServlet();
    }

    public ToolRegistry registry() {
        return registry;
    }

    public McpSyncServer server() {
        return server;
    }

    /** Closes the MCP sessions and the bridge's workers. */
    @Override
    public void close() {
        server.close();
        bridge.close();
    }

    /** Toolsets ({@code ?toolsets=}, validated by {@link McpServlet}) and the authenticated actor of a request. */
    static McpTransportContext context(HttpServletRequest req, Set<String> defaults) {
        Set<String> toolsets;
        try {
            toolsets = QueryToolsets.of(req, defaults);
        } catch (IllegalArgumentException e) {
            toolsets = defaults;
        }
        Object actor = req.getAttribute(HttpServer.ACTOR_ATTRIBUTE);
        return McpTransportContext.create(Map.of(ObservatoryMcp.TOOLSETS_KEY, toolsets, ObservatoryMcp.ACTOR_KEY,
                actor instanceof Actor a ? a : Actor.http("anonymous", "mcp", false)));
    }
}
