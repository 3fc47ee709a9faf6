package dev.observatory.mcp.trace;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.trace.TraceView;
import dev.observatory.core.trace.Traces;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** get_trace (also in core): a compact span tree first, full spans only for the ids asked for. */
final class GetTraceTool {
    static final int MAX_EXPAND = 20;

    private GetTraceTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("trace_id", "Trace id, 32 hex characters (from list_traces or a log line).").required()
                        .matching("^[0-9a-fA-F]{32}$").example("\"4bf92f3577b34da6a3ce929d0e0e4736\""),
                Param.strings("expand_span_ids",
                        "Span ids (16 hex) whose full attributes, events, links and LLM call view to include.")
                        .between(0, MAX_EXPAND).matching("^[0-9a-fA-F]{16}$").example("[\"00f067aa0ba902b7\"]"),
                Param.integer("max_nodes",
                        "Most spans in the compact tree (1-1000); the rest are cut (truncated)."
                                + " Depth-first order, so the top of the tree comes first.")
                        .between(1, 1000).defaultsTo(200));
        Map<String, Object> out = Schemas.object("a trace").prop("trace", TraceViews.TRACE_SCHEMA, true)
                .prop("nodes", array(TraceViews.NODE_SCHEMA, "spans depth-first, children by start"), true)
                .prop("node_count", integer("spans in the trace"), true)
                .prop("critical_path",
                        array(string(null),
                                "span ids from the root down the last-finishing"
                                        + " children: what the trace's end waited on"),
                        true)
                .prop("expanded", array(TraceViews.SPAN_SCHEMA, "the spans asked for in expand_span_ids"))
                .prop("truncated", Schemas.bool("true when nodes were cut; narrow with max_nodes or expand"), true)
                .build();
        return new ToolDef("get_trace", "traces", "Get a trace",
                "Show one trace as a compact span tree: each span's name, service, status, start offset and"
                        + " duration, model, tool, tokens and cost, and the critical path (the chain of spans the"
                        + " trace's end waited on). Attributes are left out; pass span ids in expand_span_ids to"
                        + " get those spans in full (attributes, events, links, LLM call view).",
                in, out, Hints.READ_ONLY, GetTraceTool::handle).listedAlsoIn(Toolsets.CORE);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        List<String> expand = args.strings("expand_span_ids").stream().map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .toList();
        Traces traces = TraceArgs.traces(ctx);
        TraceView v = traces.getTrace(args.string("trace_id"), new LinkedHashSet<>(expand));
        List<Obj> nodes = v.nodes().stream().limit(args.intValue("max_nodes")).map(TraceViews::node).toList();
        List<Obj> expanded = v.expanded().stream().map(TraceViews::span).toList();
        Obj base = Obj.of().with("trace", TraceViews.trace(v.summary())).with("critical_path", v.criticalPath())
                .with("expanded", expanded);
        int n = ctx.budget().fit(base, nodes);
        return Obj.of().with("trace", TraceViews.trace(v.summary())).with("nodes", nodes.subList(0, n))
                .with("node_count", v.nodes().size()).with("critical_path", v.criticalPath())
                .with("expanded", expanded.isEmpty() ? null : expanded).with("truncated", n < v.nodes().size());
    }
}
