package dev.observatory.mcp.trace;

import static dev.observatory.mcp.tool.Schemas.array;

import dev.observatory.core.trace.TraceListRequest;
import dev.observatory.core.trace.TracePage;
import dev.observatory.core.trace.Traces;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.trace.TraceQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** list_traces (also in core) and find_slow_traces: one row per trace, keyset-paged. */
final class ListTracesTool {
    private ListTracesTool() {
    }

    private static Map<String, Object> output(String what) {
        return Schemas.paged(Schemas.object(what).prop("traces",
                array(TraceViews.TRACE_SCHEMA, "traces of this page, in order"), true)).build();
    }

    static ToolDef listTraces() {
        InputSchema in = InputSchema.of(TraceArgs.service(), TraceArgs.model(), TraceArgs.tool(),
                Param.string("status", "Only traces with an error span (error) or without (ok).")
                        .oneOf(List.of("error", "ok")),
                Param.integer("min_duration_ms", "Only traces lasting at least this long.").between(0, 86_400_000),
                TraceArgs.last(null), TraceArgs.from(), TraceArgs.to(),
                Param.integer("limit", "Most traces to return (1-100).").between(1, 100).defaultsTo(20),
                PageCursor.param());
        return new ToolDef("list_traces", "traces", "List traces",
                "List recorded traces (OpenTelemetry spans sent to Observatory by LLM apps and MCP servers), newest"
                        + " first, one row per trace: root span, service, start, duration, span and error counts,"
                        + " models called, tokens and cost. Filter by service, model, tool, status, minimum duration"
                        + " and time window. Then get_trace with trace_id for the span tree.",
                in, output("a page of traces, newest first"), Hints.READ_ONLY,
                (args, ctx) -> handle(args, ctx, TraceQuery.Order.RECENT)).listedAlsoIn(Toolsets.CORE);
    }

    static ToolDef findSlowTraces() {
        InputSchema in = InputSchema.of(TraceArgs.service(), TraceArgs.model(), TraceArgs.tool(),
                Param.integer("min_duration_ms", "Only traces lasting at least this long (default: any).").between(0,
                        86_400_000),
                TraceArgs.last("1h"), TraceArgs.from(), TraceArgs.to(),
                Param.integer("limit", "Most traces to return (1-100).").between(1, 100).defaultsTo(10),
                PageCursor.param());
        return new ToolDef("find_slow_traces", "traces", "Find slow traces",
                "Find the slowest traces of a time window (default: the last hour), slowest first, optionally of"
                        + " one service, model or tool and above a duration. Each row names the root span, duration,"
                        + " models, tokens and cost; get_trace shows where the time went (critical_path).",
                in, output("a page of traces, slowest first"), Hints.READ_ONLY,
                (args, ctx) -> handle(args, ctx, TraceQuery.Order.SLOWEST));
    }

    static Map<String, Object> handle(Args args, ToolContext ctx, TraceQuery.Order order) {
        Instant[] w = TraceArgs.window(args, ctx);
        Boolean errors = args.has("status") ? Boolean.valueOf("error".equals(args.string("status"))) : null;
        Duration min = args.has("min_duration_ms") ? Duration.ofMillis(args.longValue("min_duration_ms")) : null;
        TraceListRequest r = new TraceListRequest(args.string("service"), args.string("model"), args.string("tool"),
                errors, min, w[0], w[1], order, args.intValue("limit"), args.string("cursor"));
        Traces traces = TraceArgs.traces(ctx);
        TracePage page = traces.listTraces(r);
        List<Obj> rows = TraceViews.traces(page.items());
        int n = ctx.budget().fit(Obj.of(), rows);
        String next = n < rows.size() ? traces.cursorAfter(r, page.items().get(n - 1)) : page.nextCursor();
        return Obj.of().with("traces", rows.subList(0, n)).with("truncated", n < rows.size() || next != null)
                .with("next_cursor", next);
    }
}
