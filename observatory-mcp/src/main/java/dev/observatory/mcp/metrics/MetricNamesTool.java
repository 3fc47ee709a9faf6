package dev.observatory.mcp.metrics;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.opsmetrics.OpsMetrics;
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
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** list_metric_names: the metric names of Observatory's store or of Prometheus. */
final class MetricNamesTool {
    private MetricNamesTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(Sources.param(),
                Param.string("contains", "Only names containing this text (case-insensitive), e.g. http or latency."),
                Param.integer("limit", "Most names returned.").between(1, 2000).defaultsTo(200));
        Map<String, Object> out = Schemas.object("metric names")
                .prop("source", string("observatory or prometheus"), true)
                .prop("names", array(string(null), "sorted metric names"), true)
                .prop("total", integer("names matching before the limit"), true)
                .prop("truncated", bool("true when more names match than were returned")).build();
        return new ToolDef("list_metric_names", "ops", "List metric names",
                "The service metric names known to Observatory's metric store (OTLP metrics, remote write) or to the"
                        + " configured Prometheus (its __name__ label values), sorted, optionally filtered by a"
                        + " substring. Use them in query_metrics.",
                in, out, Hints.READ_ONLY, MetricNamesTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        OpsMetrics metrics = new OpsMetrics(ctx.tracking());
        String source = Sources.of(args, metrics);
        String contains = args.string("contains");
        List<String> names;
        if (source.equals(Sources.PROMETHEUS)) {
            JsonNode data = Sources.call(() -> metrics.prometheus().labelValues("__name__"));
            String c = contains == null ? "" : contains.toLowerCase(Locale.ROOT);
            names = new ArrayList<>();
            for (JsonNode n : data) {
                if (n.asString().toLowerCase(Locale.ROOT).contains(c)) {
                    names.add(n.asString());
                }
            }
            names.sort(null);
        } else {
            names = metrics.names(contains);
        }
        int limit = args.intValue("limit");
        List<String> shown = names.subList(0, Math.min(limit, names.size()));
        int fit = ctx.budget().fit(Obj.of(), shown);
        return Obj.of().with("source", source).with("names", shown.subList(0, fit)).with("total", names.size())
                .with("truncated", fit < names.size() ? Boolean.TRUE : null);
    }
}
