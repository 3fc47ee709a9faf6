package dev.observatory.mcp.trace;

import dev.observatory.core.Tracking;
import dev.observatory.core.trace.TraceView;
import dev.observatory.core.trace.Traces;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.store.NotFoundException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource {@code observatory://traces/{id}}: a trace as its compact span tree (the first {@link #NODES} spans,
 * depth-first) with the critical path, as JSON. An unknown trace is a JSON-RPC "resource not found" error.
 */
public final class TraceResources {
    public static final String TRACE = "observatory://traces/{id}";
    static final int NODES = 500;
    private static final Pattern TRACE_URI = Pattern.compile("observatory://traces/([0-9a-fA-F]{32})");

    private TraceResources() {
    }

    public static List<SyncResourceTemplateSpecification> templates(Tracking tracking) {
        ResourceTemplate t = ResourceTemplate.builder().uriTemplate(TRACE).name("trace").title("trace")
                .description("A trace (32 hex id) as its compact span tree with the critical path; get_trace with"
                        + " expand_span_ids shows span attributes.")
                .mimeType("application/json").build();
        return List.of(new SyncResourceTemplateSpecification(t, (exchange, req) -> {
            Matcher m = TRACE_URI.matcher(req.uri());
            if (!m.matches()) {
                throw McpError.RESOURCE_NOT_FOUND.apply(req.uri());
            }
            try {
                String json = Json.write(trace(tracking, m.group(1)));
                return new ReadResourceResult(List.of(new TextResourceContents(req.uri(), "application/json", json)));
            } catch (NotFoundException e) {
                throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage())
                        .data(Map.of("uri", req.uri())).build();
            }
        }));
    }

    static Map<String, Object> trace(Tracking tracking, String id) {
        TraceView v = new Traces(tracking).getTrace(id, Set.of());
        return Obj.of().with("trace", TraceViews.trace(v.summary()))
                .with("nodes", v.nodes().stream().limit(NODES).map(TraceViews::node).toList())
                .with("node_count", v.nodes().size()).with("critical_path", v.criticalPath())
                .with("truncated", v.nodes().size() > NODES);
    }
}
