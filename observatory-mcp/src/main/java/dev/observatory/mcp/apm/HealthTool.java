package dev.observatory.mcp.apm;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.apm.Apm;
import dev.observatory.core.apm.Red;
import dev.observatory.core.apm.ServiceHealth;
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

/** get_service_health: RED metrics per service (or operation), compared with the previous window. */
final class HealthTool {
    private HealthTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(ApmArgs.service(), ApmArgs.operation(),
                Param.string("group_by", "Rows per service, or per service and operation (span name / route).")
                        .oneOf(List.of("service", "operation")).defaultsTo("service"),
                ApmArgs.last("1h"), ApmArgs.from(), ApmArgs.to(), ApmArgs.limit("rows, busiest first", 200, 20));
        Map<String, Object> red = Schemas.object("RED metrics").prop("requests", integer(null), true)
                .prop("rate_per_s", number("requests per second"), true).prop("errors", integer(null))
                .prop("error_rate", number("errors / requests"), true).prop("p50_ms", number(null))
                .prop("p95_ms", number(null)).prop("p99_ms", number(null)).build();
        Map<String, Object> delta = Schemas.object("change against the previous window")
                .prop("rate_change", number("relative (0.25 = +25%); absent without previous requests"))
                .prop("error_rate_change", number("absolute (0.01 = one percentage point)"), true)
                .prop("p95_change", number("relative")).prop("p99_change", number("relative")).build();
        Map<String, Object> row = Schemas.object("one service (and operation)").prop("service", string(null), true)
                .prop("operation", string("span name; only when grouped by operation")).prop("current", red, true)
                .prop("previous", red, true).prop("delta", delta, true).build();
        Map<String, Object> out = Schemas.object("service health").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true).prop("previous_from", string("ISO-8601"), true)
                .prop("rows", array(row, "by requests descending"), true)
                .prop("truncated", bool("more rows than the limit or the output budget"), true).build();
        return new ToolDef("get_service_health", "ops", "Get service health (RED)",
                "RED metrics of each service from its spans over a window (default: the last hour): request rate,"
                        + " error rate and duration p50/p95/p99 of the requests it served (SERVER/CONSUMER or root"
                        + " spans), optionally per operation (route), each next to the previous window of the same"
                        + " length with the change. Use it first for 'is X healthy?' or 'what got worse?'; then"
                        + " analyze_latency for where the time goes and get_service_map for who calls whom.",
                in, out, Hints.READ_ONLY, HealthTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        ServiceHealth h = new Apm(ctx.tracking()).health(ApmArgs.window(args, ctx), args.string("service"),
                args.string("operation"), "operation".equals(args.string("group_by")), args.intValue("limit"));
        List<Obj> rows = new ArrayList<>();
        for (ServiceHealth.Row r : h.rows()) {
            rows.add(Obj.of().with("service", r.service()).with("operation", r.operation())
                    .with("current", red(r.current())).with("previous", red(r.previous()))
                    .with("delta", Obj.of().with("rate_change", round(r.rateChange()))
                            .with("error_rate_change", ApmArgs.round(r.errorRateChange()))
                            .with("p95_change", round(r.p95Change())).with("p99_change", round(r.p99Change()))));
        }
        Obj base = Obj.of().with("from", h.window().from().toString()).with("to", h.window().to().toString())
                .with("previous_from", h.previous().from().toString());
        int n = ctx.budget().fit(base, rows);
        return base.with("rows", rows.subList(0, n)).with("truncated", h.truncated() || n < rows.size());
    }

    static Obj red(Red r) {
        Obj o = Obj.of().with("requests", r.requests()).with("rate_per_s", ApmArgs.round(r.ratePerSecond()))
                .with("errors", r.errors()).with("error_rate", ApmArgs.round(r.errorRate()));
        if (r.requests() > 0) {
            o.with("p50_ms", ApmArgs.round(r.p50Ms())).with("p95_ms", ApmArgs.round(r.p95Ms())).with("p99_ms",
                    ApmArgs.round(r.p99Ms()));
        }
        return o;
    }

    private static Double round(Double v) {
        return v == null ? null : ApmArgs.round(v);
    }
}
