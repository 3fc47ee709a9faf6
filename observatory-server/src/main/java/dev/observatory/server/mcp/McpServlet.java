package dev.observatory.server.mcp;

import dev.observatory.mcp.tool.Json;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /mcp} endpoint: rejects an unknown {@code ?toolsets=} name with a JSON-RPC error (400), then hands the
 * request to the SDK's Streamable HTTP servlet. Must be mounted with {@code asyncSupported=true}.
 */
final class McpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient HttpServletStreamableServerTransportProvider sdk;

    McpServlet(HttpServletStreamableServerTransportProvider sdk) {
        this.sdk = sdk;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        try {
            QueryToolsets.of(req, Set.of());
        } catch (IllegalArgumentException e) {
            resp.setStatus(400);
            resp.setContentType("application/json");
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("jsonrpc", "2.0");
            error.put("id", null);
            error.put("error", Map.of("code", -32602, "message", e.getMessage()));
            byte[] body = Json.write(error).getBytes(StandardCharsets.UTF_8);
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
            return;
        }
        sdk.service(req, resp);
    }

    @Override
    public void destroy() {
        sdk.destroy();
    }
}
