package dev.observatory.server.mcp;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates the server's allowed hosts and origins into the SDK's {@link DefaultServerTransportSecurityValidator}
 * patterns (exact {@code host:port} or {@code host:*}), so the MCP endpoint enforces DNS-rebinding protection itself,
 * with the same rules as the HTTP filter: loopback names on any port, the bind host, and what is configured.
 */
final class SecurityValidators {
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "[::1]");

    private SecurityValidators() {
    }

    static ServerHttpHeaderValidator of(McpHttpSettings s) {
        boolean anyHost = s.allowedHosts().stream().anyMatch(h -> h.trim().equals("*"));
        boolean anyOrigin = s.allowedOrigins().stream().anyMatch(o -> o.trim().equals("*"));
        DefaultServerTransportSecurityValidator.Builder b = DefaultServerTransportSecurityValidator.builder();
        if (!anyHost) {
            b.allowedHosts(hosts(s));
        }
        b.allowedOrigins(origins(s));
        DefaultServerTransportSecurityValidator strict = b.build();
        if (!anyOrigin) {
            return strict;
        }
        return headers -> strict.validate(withoutOrigin(headers));
    }

    static List<String> hosts(McpHttpSettings s) {
        List<String> out = new ArrayList<>();
        LOOPBACK.forEach(h -> out.add(h + ":*"));
        String bind = s.bindHost();
        if (bind != null && !bind.isBlank() && !bind.equals("0.0.0.0") && !bind.equals("::")) {
            out.add((bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind) + ":*");
        }
        for (String h : s.allowedHosts()) {
            String v = h.trim().toLowerCase(Locale.ROOT);
            if (!v.isEmpty()) {
                out.add(hasPort(v) ? v : v + ":*");
            }
        }
        return out;
    }

    static List<String> origins(McpHttpSettings s) {
        List<String> out = new ArrayList<>();
        for (String h : LOOPBACK) {
            out.add("http://" + h + ":*");
            out.add("https://" + h + ":*");
        }
        for (String o : s.allowedOrigins()) {
            String v = o.trim().replaceAll("/+$", "");
            if (!v.isEmpty() && !v.equals("*")) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean hasPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && colon > host.lastIndexOf(']') && host.substring(colon + 1).matches("\\d+|\\*");
    }

    private static HeaderAccessor withoutOrigin(HeaderAccessor headers) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return name.equalsIgnoreCase("Origin") ? List.of() : headers.getHeader(name);
            }

            @Override
            public List<String> getHeaderNames() {
                return headers.getHeaderNames().stream().filter(n -> !n.equalsIgnoreCase("Origin")).toList();
            }
        };
    }
}
