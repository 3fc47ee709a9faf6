package dev.observatory.server.mcp;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A parsed {@code POST /mcp/tool} body, or why it could not be parsed ({@code errorCode} and {@code status} set).
 *
 * @param arguments
 *            the {@code arguments} object; empty when absent
 */
record BridgeRequest(String name, Map<String, Object> arguments, String errorCode, int status, String message) {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String EXAMPLE = " Send e.g. {\"name\": \"get_run\", \"arguments\": {\"run_id\": \"...\"}}";

    static BridgeRequest read(HttpServletRequest req, long maxBytes) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > maxBytes) {
            return tooLarge(maxBytes);
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = readAtMost(in, maxBytes);
        }
        if (body == null) {
            return tooLarge(maxBytes);
        }
        Object parsed;
        try {
            parsed = MAPPER.readValue(body, Object.class);
        } catch (JacksonException e) {
            return failure(null, "INVALID_JSON",
                    "the request body is not valid JSON (" + e.getOriginalMessage() + ")." + EXAMPLE);
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            return failure(null, "INVALID_REQUEST", "the request body must be a JSON object." + EXAMPLE);
        }
        if (!(m.get("name") instanceof String name) || name.isBlank()) {
            return failure(null, "INVALID_REQUEST",
                    "the request body needs \"name\", the tool to call (GET /tools" + " lists them)." + EXAMPLE);
        }
        Object args = m.get("arguments");
        if (args != null && !(args instanceof Map<?, ?>)) {
            return failure(name, "INVALID_ARGUMENTS",
                    "\"arguments\" must be a JSON object of argument names to" + " values." + EXAMPLE);
        }
        for (Object key : m.keySet()) {
            if (!key.equals("name") && !key.equals("arguments")) {
                return failure(name, "INVALID_REQUEST", "unknown field '" + key + "' in the request body: it takes"
                        + " only \"name\" and \"arguments\".");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> a = args == null ? Map.of() : (Map<String, Object>) args;
        return new BridgeRequest(name, a, null, 200, null);
    }

    private static BridgeRequest tooLarge(long maxBytes) {
        return new BridgeRequest(null, Map.of(), "PAYLOAD_TOO_LARGE", 413, "the request body exceeds the limit of "
                + maxBytes + " bytes: send fewer arguments or raise max_body_bytes (OBSERVATORY_MAX_BODY_BYTES)");
    }

    private static BridgeRequest failure(String name, String code, String message) {
        return new BridgeRequest(name, Map.of(), code, 400, message);
    }

    /** The whole stream, or null when it holds more than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
