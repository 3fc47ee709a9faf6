package dev.observatory.mcp.trace;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.trace.Alert;
import dev.observatory.core.trace.MetricsSnapshot;
import dev.observatory.core.trace.ServiceMetrics;
import dev.observatory.core.trace.Traces;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.trace.ErrorGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** get_metrics_snapshot, get_active_alerts and find_error_traces: the health of LLM and MCP calls. */
final class HealthTools {
    private HealthTools() {
    }

    static ToolDef snapshot() {
        InputSchema in = InputSchema.of(TraceArgs.service(), TraceArgs.last("1h"), TraceArgs.from(), TraceArgs.to());
        Map<String, Object> service = Schemas
                .object("one service's calls").prop("service", string(null), true).prop("metrics",
                        mapOf(number(null), "metric name -> value; absent when nothing to compute it from"), true)
                .build();
        Map<String, Object> out = Schemas.object("metrics snapshot").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true)
                .prop("services", array(service, "services by calls descending"), true).build();
        return new ToolDef("get_metrics_snapshot", "traces", "Get the metrics snapshot",
                "Rates and measurements of the LLM and MCP calls of each service in a window (default: the last"
                        + " hour): calls, avg_cost_usd, fallback_rate, retry_rate, low_confidence_rate,"
                        + " confidence_gate_block_rate, prompt_diff_violation_rate, shadow_disagreement_rate,"
                        + " deterministic_fallback_rate, high_risk_path_rate, golden_financial_failure_rate,"
                        + " error_rate, avg_confidence, p50/p95/p99_latency_ms, tokens_per_second,"
                        + " cost_per_hour_usd. get_active_alerts says which are above their thresholds.",
                in, out, Hints.READ_ONLY, HealthTools::handleSnapshot);
    }

    static Map<String, Object> handleSnapshot(Args args, ToolContext ctx) {
        Instant[] w = UsageTools.closed(TraceArgs.window(args, ctx), ctx);
        MetricsSnapshot s = TraceArgs.traces(ctx).snapshot(w[0], w[1], args.string("service"));
        List<Obj> services = new ArrayList<>();
        for (ServiceMetrics m : s.services()) {
            Obj metrics = Obj.of();
            m.metrics().forEach((k, v) -> metrics.with(k, v == null ? null : TraceViews.round6(v)));
            services.add(Obj.of().with("service", m.service()).with("metrics", metrics));
        }
        return Obj.of().with("from", s.from().toString()).with("to", s.to().toString()).with("services", services);
    }

    static ToolDef alerts() {
        InputSchema in = InputSchema.of(TraceArgs.service(), TraceArgs.last("1h"), TraceArgs.from(), TraceArgs.to());
        Map<String, Object> alert = Schemas.object("one active alert").prop("service", string(null), true)
                .prop("metric", string("snapshot metric name"), true).prop("value", number(null), true)
                .prop("threshold", number("fires above this"), true).prop("calls", integer("calls in the window"))
                .prop("trace_ids", array(string(null), "traces behind the value; pass to get_trace"), true).build();
        Map<String, Object> out = Schemas.object("active alerts").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true).prop("alerts", array(alert, "active alerts"), true)
                .prop("thresholds", mapOf(number(null), "every threshold in use (trace_alert_thresholds)"), true)
                .build();
        return new ToolDef("get_active_alerts", "traces", "Get active alerts",
                "The snapshot metrics of each service that are above their thresholds in a window (default: the"
                        + " last hour), with the value, the threshold and a few trace ids behind each (e.g. the"
                        + " calls that fell back, failed or were blocked by the confidence gate). Thresholds have"
                        + " defaults and are set with trace_alert_thresholds.",
                in, out, Hints.READ_ONLY, HealthTools::handleAlerts);
    }

    static Map<String, Object> handleAlerts(Args args, ToolContext ctx) {
        Instant[] w = UsageTools.closed(TraceArgs.window(args, ctx), ctx);
        Traces traces = TraceArgs.traces(ctx);
        List<Obj> rows = new ArrayList<>();
        for (Alert a : traces.activeAlerts(w[0], w[1], args.string("service"))) {
            rows.add(Obj.of().with("service", a.service()).with("metric", a.metric())
                    .with("value", TraceViews.round6(a.value())).with("threshold", a.threshold())
                    .with("calls", a.calls()).with("trace_ids", a.traceIds()));
        }
        return Obj.of().with("from", w[0].toString()).with("to", w[1].toString()).with("alerts", rows)
                .with("thresholds", traces.settings().thresholds().values());
    }

    static ToolDef errors() {
        InputSchema in = InputSchema.of(TraceArgs.service(), TraceArgs.last("24h"), TraceArgs.from(), TraceArgs.to(),
                Param.integer("limit", "Most error signatures (1-50).").between(1, 50).defaultsTo(10));
        Map<String, Object> group = Schemas.object("failed spans sharing a signature")
                .prop("service", string(null), true).prop("span", string("span name"), true)
                .prop("error_type", string("error.type / exception.type; absent when the span gave none"))
                .prop("message", string("one of their status messages")).prop("count", integer(null), true)
                .prop("last_seen", string("ISO-8601"), true)
                .prop("trace_ids", array(string(null), "recent traces with it; pass to get_trace"), true).build();
        Map<String, Object> out = Schemas.object("error signatures").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true).prop("groups", array(group, "most frequent first"), true).build();
        return new ToolDef("find_error_traces", "traces", "Find error traces",
                "Failed spans of a window (default: the last 24 hours) grouped by error signature (service, span"
                        + " name, error type), most frequent first, each with its count, last occurrence, a status"
                        + " message and a few trace ids to open with get_trace.",
                in, out, Hints.READ_ONLY, HealthTools::handleErrors);
    }

    static Map<String, Object> handleErrors(Args args, ToolContext ctx) {
        Instant[] w = UsageTools.closed(TraceArgs.window(args, ctx), ctx);
        List<Obj> rows = new ArrayList<>();
        for (ErrorGroup g : TraceArgs.traces(ctx).errorGroups(w[0], w[1], args.string("service"),
                args.intValue("limit"))) {
            rows.add(Obj.of().with("service", g.service()).with("span", g.name()).with("error_type", g.errorType())
                    .with("message", g.message()).with("count", g.count())
                    .with("last_seen", TraceArgs.iso(g.lastSeenNanos())).with("trace_ids", g.traceIds()));
        }
        int n = ctx.budget().fit(Obj.of(), rows);
        return Obj.of().with("from", w[0].toString()).with("to", w[1].toString()).with("groups", rows.subList(0, n))
                .with("truncated", n < rows.size() ? Boolean.TRUE : null);
    }
}
