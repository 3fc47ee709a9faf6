package dev.observatory.mcp.ops;

import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.alert.Alerts;
import dev.observatory.core.alert.Severity;
import dev.observatory.core.alert.SinkConfig;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** alert_routing: the seed's contract (job/run/service, sink, destination, min_severity, include_context). */
final class RoutingTool {
    private RoutingTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(Param.string("job_id", "Only alerts labelled with this job.").between(1, 128),
                Param.string("run_id", "Only alerts of this run.").between(1, 128),
                Param.string("service", "Only alerts of this service.").between(1, 256), Param
                        .string("sink",
                                "file (JSON lines under alert_file_dir), webhook (JSON POST), slack or"
                                        + " alertmanager.")
                        .oneOf(List.of("file", "webhook", "slack", "alertmanager")).required(),
                Param.string("destination",
                        "A file name inside alert_file_dir, or the http(s) URL (private,"
                                + " loopback and link-local addresses are refused unless configured).")
                        .required().between(1, 2048),
                Param.string("min_severity", "Alerts below are suppressed: info, warning, error, critical.")
                        .oneOf(List.of("info", "warning", "error", "critical")).defaultsTo("warning"),
                Param.bool("include_context", "Add each alert's context (trace ids, burn rates, run name).")
                        .defaultsTo(true),
                Param.bool("include_pending", "Send pending alerts too, not only firing ones.").defaultsTo(false));
        Map<String, Object> out = Schemas.object("what was routed")
                .prop("routed_count", integer("alerts delivered"), true)
                .prop("suppressed_count", integer("below min_severity or silenced"), true)
                .prop("destination", string(null), true).prop("outcome", string("delivered or failed"), true)
                .prop("detail", string("e.g. HTTP 200, or the error"), true).build();
        return new ToolDef("alert_routing", "ops", "Route alerts",
                "Sends the firing alerts of a job, run or service to a sink now — a JSON-lines file, a webhook,"
                        + " a Slack-compatible webhook or Alertmanager — suppressing those below min_severity or"
                        + " silenced, and logs the delivery. Returns routed_count, suppressed_count and the"
                        + " destination.",
                in, out, SloTools.WRITE, RoutingTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        Map<String, String> matchers = new LinkedHashMap<>();
        put(matchers, "job", args.string("job_id"));
        put(matchers, "run", args.string("run_id"));
        put(matchers, "service", args.string("service"));
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("give job_id, run_id or service: which alerts to route");
        }
        SinkConfig sink = SinkConfig.of("alert_routing", args.string("sink"), args.string("destination"))
                .withMinSeverity(Severity.parse(args.string("min_severity")))
                .withIncludeContext(args.bool("include_context"));
        Alerts.RoutingResult r = new Alerts(ctx.tracking()).route(ctx.actor(), matchers, sink,
                args.bool("include_pending"));
        return Obj.of().with("routed_count", r.routed()).with("suppressed_count", r.suppressed())
                .with("destination", r.destination()).with("outcome", r.outcome()).with("detail", r.detail());
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
