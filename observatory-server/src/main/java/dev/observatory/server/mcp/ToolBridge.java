package dev.observatory.server.mcp;

import dev.observatory.core.Actor;
import dev.observatory.mcp.ToolOutcome;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.server.http.HttpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP tool bridge, for scripts and agents that do not speak MCP. {@code GET /tools} lists the tools (with their
 * schemas) of the toolsets chosen by {@code ?toolsets=}; {@code POST /mcp/tool} with {@code {"name": ..., "arguments":
 * {...}}} runs the same handler as MCP and answers the envelope {@code {"ok", "request_id", "tool", "data", "result",
 * "error": {"code", "message"}}}.
 * <p>
 * Status codes: 200 ok; 400 INVALID_JSON, INVALID_REQUEST, INVALID_ARGUMENTS (the schema error), INVALID_CURSOR; 403
 * READ_ONLY; 404 UNKNOWN_TOOL, NOT_FOUND; 409 CONFLICT; 413 PAYLOAD_TOO_LARGE; 503 STORAGE_UNAVAILABLE; 504
 * TOOL_TIMEOUT; 500 INTERNAL. A tool error keeps the MCP result (the isError text) in {@code result}, so both views
 * agree.
 */
final class ToolBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToolBridge.class);
    private static final Map<String, Integer> STATUS = Map.of(ToolOutcome.UNKNOWN_TOOL, 404,
            ToolOutcome.INVALID_ARGUMENTS, 400, ToolOutcome.INVALID_CURSOR, 400, ToolOutcome.NOT_FOUND, 404,
            ToolOutcome.CONFLICT, 409, ToolOutcome.READ_ONLY, 403, ToolOutcome.STORAGE_UNAVAILABLE, 503);

    private final ToolRegistry registry;
    private final McpHttpSettings settings;
    private final ExecutorService workers = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("tool-bridge-", 0).factory());

    ToolBridge(ToolRegistry registry, McpHttpSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    HttpServlet toolsServlet() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                listTools(req, resp);
            }
        };
    }

    HttpServlet callServlet() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                call(req, resp);
            }
        };
    }

    void listTools(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Set<String> toolsets;
        try {
            toolsets = QueryToolsets.of(req, registry.settings().toolsets());
        } catch (IllegalArgumentException e) {
            write(resp, 400, error(requestId(req), null, "INVALID_REQUEST", e.getMessage(), null));
            return;
        }
        List<Map<String, Object>> tools = registry.definitions(toolsets).stream().map(ToolBridge::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("toolsets", List.copyOf(toolsets));
        body.put("tools", tools);
        write(resp, 200, body);
    }

    static Map<String, Object> describe(ToolDef t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("title", t.title());
        m.put("toolset", t.toolset());
        m.put("description", t.description());
        m.put("input_schema", t.input().jsonSchema());
        m.put("output_schema", t.outputSchema());
        m.put("annotations", Map.of("read_only_hint", t.hints().readOnly(), "destructive_hint", t.hints().destructive(),
                "idempotent_hint", t.hints().idempotent(), "open_world_hint", t.hints().openWorld()));
        return m;
    }

    void call(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String requestId = requestId(req);
        BridgeRequest parsed = BridgeRequest.read(req, settings.maxBodyBytes());
        if (parsed.errorCode() != null) {
            write(resp, parsed.status(), error(requestId, parsed.name(), parsed.errorCode(), parsed.message(), null));
            return;
        }
        Set<String> toolsets;
        try {
            toolsets = QueryToolsets.of(req, registry.settings().toolsets());
        } catch (IllegalArgumentException e) {
            write(resp, 400, error(requestId, parsed.name(), "INVALID_REQUEST", e.getMessage(), null));
            return;
        }
        Actor actor = req.getAttribute(HttpServer.ACTOR_ATTRIBUTE) instanceof Actor a ? a
                : Actor.http("anonymous", "bridge", false);
        Future<ToolOutcome> f = workers
                .submit(() -> registry.invoke(parsed.name(), parsed.arguments(), actor, toolsets));
        ToolOutcome o;
        try {
            o = f.get(settings.toolTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            write(resp, 504, error(requestId, parsed.name(), "TOOL_TIMEOUT", "tool " + parsed.name()
                    + " did not finish within " + settings.toolTimeout().toSeconds() + " s: narrow the request (a"
                    + " smaller limit or step range) or raise tool_timeout_seconds (OBSERVATORY_TOOL_TIMEOUT_SECONDS)",
                    null));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            write(resp, 503, error(requestId, parsed.name(), "UNAVAILABLE", "the server is shutting down", null));
            return;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof McpError)) {
                LOG.error("bridge call of {} failed (request id {})", parsed.name(), requestId, cause);
            }
            write(resp, 500,
                    error(requestId, parsed.name(), "INTERNAL",
                            (cause instanceof McpError m ? m.getMessage() : "internal error") + " (request id "
                                    + requestId + ")",
                            null));
            return;
        }
        Object content = contentBlocks(o.result());
        if (o.ok()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", true);
            body.put("request_id", requestId);
            body.put("tool", o.tool());
            body.put("data", o.data());
            body.put("result", content);
            body.put("error", null);
            write(resp, 200, body);
        } else {
            write(resp, STATUS.getOrDefault(o.errorCode(), 400),
                    error(requestId, o.tool(), o.errorCode(), o.errorMessage(), content));
        }
    }

    /** The MCP content blocks in their wire form (with "type"), through the SDK's own mapper. */
    static Object contentBlocks(McpSchema.CallToolResult result) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        try {
            return mapper.readValue(mapper.writeValueAsString(result), Map.class).get("content");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> error(String requestId, String tool, String code, String message, Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("request_id", requestId);
        body.put("tool", tool);
        body.put("data", null);
        body.put("result", result);
        body.put("error", Map.of("code", code, "message", message));
        return body;
    }

    private static String requestId(HttpServletRequest req) {
        Object id = req.getAttribute(HttpServer.REQUEST_ID_ATTRIBUTE);
        return id != null ? id.toString()
                : java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    static void write(HttpServletResponse resp, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
