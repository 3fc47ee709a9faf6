package dev.observatory.mcp.metrics;

import static dev.observatory.mcp.tool.Schemas.anyObject;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.opsmetrics.dashboard.GrafanaDashboards;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** generate_dashboard: Grafana dashboard JSON for a service, a model, a training project or an SLO. */
final class DashboardTool {
    private DashboardTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("kind", "What the dashboard shows: service (rate, errors, duration), model (LLM calls,"
                        + " tokens, latency, cost), training (exported run metrics of a project) or slo (SLI, error"
                        + " budget, burn rates).").oneOf(List.of("service", "model", "training", "slo")).required(),
                Param.string("target", "The service, model, project or SLO name.").required(),
                Param.string("metric",
                        "service: the request-duration histogram (default" + " http_server_request_duration)."),
                Param.strings("metrics", "training: the exported metric names (default loss, accuracy)."),
                Param.number("input_price", "model: USD per million input tokens (cost panel with output_price)."),
                Param.number("output_price", "model: USD per million output tokens."),
                Param.string("bad_events",
                        "slo: PromQL selector of failed events (a counter), default the 5xx"
                                + " requests of the target service."),
                Param.string("all_events",
                        "slo: PromQL selector of all events, default the requests of the" + " target service."),
                Param.number("objective", "slo: the target ratio of good events.").between(0.5, 0.99999)
                        .defaultsTo(0.999),
                Param.string("window", "slo: the compliance window, e.g. 28d or 30d.").defaultsTo("30d"));
        Map<String, Object> out = Schemas.object("a Grafana dashboard")
                .prop("dashboard", anyObject("the dashboard JSON model: import it in Grafana (Dashboards → Import)"),
                        true)
                .prop("schema_version", integer("Grafana dashboard schemaVersion"), true)
                .prop("panels", integer("number of panels"), true)
                .prop("datasource_input", string("the import input naming the Prometheus data source"), true).build();
        return new ToolDef("generate_dashboard", "ops", "Generate a Grafana dashboard",
                "Generates an importable Grafana dashboard (JSON model, schemaVersion "
                        + GrafanaDashboards.SCHEMA_VERSION + ") of PromQL panels for a service (requests/s, error"
                        + " ratio, p50/p95/p99 latency, by route), an LLM model (calls, tokens by type, latency,"
                        + " cost), a training project (exported metrics by run) or an availability SLO (SLI, error"
                        + " budget left, burn rates 1h/6h/24h/3d). Every panel uses the data source input"
                        + " DS_PROMETHEUS, chosen at import. Nothing is written.",
                in, out, Hints.READ_ONLY, DashboardTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        String target = args.string("target");
        Map<String, Object> d = switch (args.string("kind")) {
            case "service" -> GrafanaDashboards.service(target, args.string("metric"));
            case "model" -> GrafanaDashboards.model(target, args.number("input_price"), args.number("output_price"));
            case "training" -> GrafanaDashboards.training(target,
                    args.has("metrics") ? args.strings("metrics") : List.of("loss", "accuracy"));
            default -> {
                String sel = "service=\"" + target.replace("\"", "\\\"") + "\"";
                String bad = args.has("bad_events") ? args.string("bad_events")
                        : "http_server_request_duration_count{" + sel + ",http_response_status_code=~\"5..\"}";
                String all = args.has("all_events") ? args.string("all_events")
                        : "http_server_request_duration_count{" + sel + "}";
                yield GrafanaDashboards.slo(target, bad, all, args.number("objective"), args.string("window"));
            }
        };
        return Obj.of().with("dashboard", d).with("schema_version", GrafanaDashboards.SCHEMA_VERSION)
                .with("panels", ((List<?>) d.get("panels")).size()).with("datasource_input", "DS_PROMETHEUS");
    }
}
