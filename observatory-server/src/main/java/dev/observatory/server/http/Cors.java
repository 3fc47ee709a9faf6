package dev.observatory.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** CORS headers for origins that passed {@link OriginPolicy}; every other origin was rejected before. */
final class Cors {
    private Cors() {
    }

    static void allow(HttpServletResponse resp, String origin) {
        resp.setHeader("Access-Control-Allow-Origin", origin);
        resp.addHeader("Vary", "Origin");
        resp.setHeader("Access-Control-Expose-Headers", "Mcp-Session-Id, X-Request-Id");
    }

    static boolean isPreflight(HttpServletRequest req) {
        return "OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null;
    }

    static void answerPreflight(HttpServletResponse resp) {
        resp.setStatus(204);
        resp.setHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE, OPTIONS");
        resp.setHeader("Access-Control-Allow-Headers",
                "Authorization, X-API-Key, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID");
        resp.setHeader("Access-Control-Max-Age", "600");
    }
}
