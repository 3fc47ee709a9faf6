package dev.observatory.mcp.apm;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.apm.Apm;
import dev.observatory.core.apm.Latency;
import dev.observatory.core.apm.LatencyRequest;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** analyze_latency: where time goes (self time, critical path, tail regression). */
final class LatencyTool {
    private LatencyTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                ApmArgs.service(), ApmArgs.operation(), ApmArgs.last("1h"), ApmArgs.from(), ApmArgs.to(), Param
                        .string("trace_id",
                                "Show the critical path of this trace (32 hex characters) instead of the"
                                        + " slowest trace of the window.")
                        .matching("^[0-9a-fA-F]{32}$").example("\"4bf92f35...\""),
                Param.integer("slow_traces",
                        "How many of the window's slowest traces the critical-path breakdown"
                                + " averages over (1-20).")
                        .between(1, 20).defaultsTo(5),
                Param.string("baseline_from",
                        "Start of the regression's baseline window, ISO-8601; default: the"
                                + " window of the same length just before.")
                        .between(1, 64),
                Param.string("baseline_to", "End of the baseline window, ISO-8601.").between(1, 64),
                Param.number("quantile",
                        "Trace-duration quantile the regression's tail starts at (0.5-0.999),"
                                + " or 0 to compare every trace.")
                        .between(0, 0.999).defaultsTo(0.99),
                ApmArgs.limit("operations per section", 50, 10));
        Map<String, Object> hot = Schemas.object("an operation's self time").prop("service", string(null), true)
                .prop("operation", string(null), true).prop("spans", integer(null), true)
                .prop("self_ms", number("total self time"), true).prop("share", number("of all self time"), true)
                .prop("self_ms_per_trace", number(null), true).prop("max_self_ms", number(null), true).build();
        Map<String, Object> step = Schemas.object("a span on the critical path").prop("span_id", string(null), true)
                .prop("service", string(null), true).prop("operation", string(null), true)
                .prop("depth", integer(null), true).prop("duration_ms", number(null), true)
                .prop("critical_ms", number("time of the trace spent in this span itself"), true).build();
        Map<String, Object> share = Schemas.object("an operation on the slowest traces' critical paths")
                .prop("service", string(null), true).prop("operation", string(null), true)
                .prop("critical_ms_per_trace", number(null), true).prop("share", number(null), true).build();
        Map<String, Object> contributor = Schemas.object("an operation's self time per tail trace")
                .prop("service", string(null), true).prop("operation", string(null), true)
                .prop("baseline_ms_per_trace", number(null), true).prop("ms_per_trace", number(null), true)
                .prop("delta_ms", number("growth; the top ones explain the regression"), true).build();
        Map<String, Object> out = Schemas.object("latency analysis").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true)
                .prop("hotspots",
                        Schemas.object("operations by self time (duration minus direct children)")
                                .prop("traces", integer("traces in the window"), true)
                                .prop("operations", array(hot, "largest first"), true).build(),
                        true)
                .prop("critical_path",
                        Schemas.object("the critical path of one trace").prop("trace_id", string(null), true)
                                .prop("duration_ms", number(null), true)
                                .prop("steps", array(step, "in path order"), true).build())
                .prop("slow_trace_path", array(share, "critical time per operation over the slowest traces"))
                .prop("regression",
                        Schemas.object("tail traces of the window against the baseline")
                                .prop("baseline_from", string(null), true).prop("baseline_to", string(null), true)
                                .prop("quantile", number(null), true).prop("baseline_traces", integer(null), true)
                                .prop("traces", integer(null), true)
                                .prop("baseline_threshold_ms", number("the quantile of trace durations before"), true)
                                .prop("threshold_ms", number("and now"), true)
                                .prop("contributors", array(contributor, "largest growth first"), true).build(),
                        true)
                .prop("truncated", bool("a list was cut to the output budget")).build();
        return new ToolDef("analyze_latency", "ops", "Analyze latency",
                "Where the time goes in a window (default: the last hour), from spans: (1) hotspots, the operations"
                        + " with the most self time (span duration minus its direct children); (2) the critical path"
                        + " of the slowest trace (or of trace_id) with the time each span held the trace up, and the"
                        + " critical time per operation averaged over the slowest traces; (3) the top contributors"
                        + " to a P99 regression: the operations whose self time per tail trace (traces at or above"
                        + " the quantile) grew most against the previous window or a baseline window.",
                in, out, Hints.READ_ONLY, LatencyTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        LatencyRequest r = new LatencyRequest(ApmArgs.window(args, ctx), args.string("service"),
                args.string("operation"), args.string("trace_id"), args.intValue("slow_traces"),
                ApmArgs.optionalWindow(args, "baseline_from", "baseline_to"), args.number("quantile"),
                args.intValue("limit"));
        Latency l = new Apm(ctx.tracking()).latency(r);
        List<Obj> hot = new ArrayList<>();
        for (Latency.OperationShare o : l.hotspots().operations()) {
            hot.add(Obj.of().with("service", o.service()).with("operation", o.operation()).with("spans", o.spans())
                    .with("self_ms", ApmArgs.round(o.selfMs())).with("share", ApmArgs.round(o.share()))
                    .with("self_ms_per_trace", ApmArgs.round(o.selfPerTraceMs()))
                    .with("max_self_ms", ApmArgs.round(o.maxSelfMs())));
        }
        Obj answer = Obj.of().with("from", l.window().from().toString()).with("to", l.window().to().toString())
                .with("hotspots", Obj.of().with("traces", l.hotspots().traces()).with("operations", hot));
        if (!l.criticalPaths().isEmpty()) {
            Latency.CriticalPath p = l.criticalPaths().get(0);
            List<Obj> steps = new ArrayList<>();
            for (Latency.Step s : p.steps()) {
                steps.add(Obj.of().with("span_id", s.spanId()).with("service", s.service())
                        .with("operation", s.operation()).with("depth", s.depth())
                        .with("duration_ms", ApmArgs.round(s.durationMs()))
                        .with("critical_ms", ApmArgs.round(s.criticalMs())));
            }
            answer.with("critical_path", Obj.of().with("trace_id", p.traceId())
                    .with("duration_ms", ApmArgs.round(p.durationMs())).with("steps", steps));
        }
        if (!l.slowTracePath().isEmpty()) {
            List<Obj> shares = new ArrayList<>();
            l.slowTracePath()
                    .forEach(s -> shares.add(Obj.of().with("service", s.service()).with("operation", s.operation())
                            .with("critical_ms_per_trace", ApmArgs.round(s.criticalMsPerTrace()))
                            .with("share", ApmArgs.round(s.share()))));
            answer.with("slow_trace_path", shares);
        }
        return answer.with("regression", regression(l.regression()));
    }

    private static Obj regression(Latency.Regression g) {
        List<Obj> rows = new ArrayList<>();
        for (Latency.Contributor c : g.contributors()) {
            rows.add(Obj.of().with("service", c.service()).with("operation", c.operation())
                    .with("baseline_ms_per_trace", ApmArgs.round(c.baselineMsPerTrace()))
                    .with("ms_per_trace", ApmArgs.round(c.msPerTrace())).with("delta_ms", ApmArgs.round(c.deltaMs())));
        }
        return Obj.of().with("baseline_from", g.baseline().from().toString())
                .with("baseline_to", g.baseline().to().toString()).with("quantile", g.quantile())
                .with("baseline_traces", g.baselineTraces()).with("traces", g.traces())
                .with("baseline_threshold_ms", ApmArgs.round(g.baselineThresholdMs()))
                .with("threshold_ms", ApmArgs.round(g.thresholdMs())).with("contributors", rows);
    }
}
