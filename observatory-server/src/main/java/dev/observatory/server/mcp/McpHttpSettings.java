package dev.observatory.server.mcp;

import java.time.Duration;
import java.util.List;

/**
 * HTTP settings of the MCP endpoint and the tool bridge.
 *
 * @param allowedHosts
 *            Host header values allowed besides loopback names and the bind host: {@code name} (any port) or
 *            {@code name:port}; {@code "*"} allows any
 * @param allowedOrigins
 *            browser origins allowed besides loopback ones, {@code scheme://host[:port]}; {@code "*"} allows any
 * @param bindHost
 *            the address the server listens on (allowed as Host when it is not a wildcard)
 * @param maxBodyBytes
 *            largest JSON-RPC message or bridge request body (413 above it)
 * @param toolTimeout
 *            time limit of one {@code POST /mcp/tool} call (504 TOOL_TIMEOUT)
 */
public record McpHttpSettings(List<String> allowedHosts, List<String> allowedOrigins, String bindHost,
        long maxBodyBytes, Duration toolTimeout) {

    public McpHttpSettings {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        if (toolTimeout == null || toolTimeout.isNegative() || toolTimeout.isZero()) {
            throw new IllegalArgumentException("toolTimeout must be positive, got " + toolTimeout);
        }
    }

    /** Loopback only, 64 MiB bodies, 30 s tool timeout. */
    public static McpHttpSettings defaults() {
        return new McpHttpSettings(List.of(), List.of(), "127.0.0.1", 64L * 1024 * 1024, Duration.ofSeconds(30));
    }

    public McpHttpSettings withToolTimeout(Duration timeout) {
        return new McpHttpSettings(allowedHosts, allowedOrigins, bindHost, maxBodyBytes, timeout);
    }

    public McpHttpSettings withMaxBodyBytes(long bytes) {
        return new McpHttpSettings(allowedHosts, allowedOrigins, bindHost, bytes, toolTimeout);
    }
}
