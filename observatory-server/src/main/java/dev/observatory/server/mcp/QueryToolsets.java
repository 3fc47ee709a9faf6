package dev.observatory.server.mcp;

import dev.observatory.mcp.Toolsets;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The {@code ?toolsets=} query parameter: read from the query string only (never from a request body). */
final class QueryToolsets {
    private QueryToolsets() {
    }

    /** The raw value, or null when the URL has none. */
    static String raw(HttpServletRequest req) {
        String q = req.getQueryString();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("toolsets")) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The toolsets the request asks for, or {@code fallback} without the parameter.
     *
     * @throws IllegalArgumentException
     *             for an unknown toolset name (the message lists the valid ones)
     */
    static Set<String> of(HttpServletRequest req, Set<String> fallback) {
        String raw = raw(req);
        return raw == null ? fallback : Toolsets.parse(raw);
    }
}
