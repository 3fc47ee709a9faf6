package dev.observatory.mcp.metrics;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.prom.PrometheusClient;
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
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** get_prometheus_status: the configured Prometheus' scrape targets or its recording and alerting rules. */
final class PrometheusStatusTool {
    private static final int MAX_QUERY_CHARS = 300;

    private PrometheusStatusTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("what",
                        "targets (scrape targets and their health) or rules (recording and alerting"
                                + " rules with their health).")
                        .oneOf(List.of("targets", "rules")).defaultsTo("targets"),
                Param.integer("limit", "Most targets or rules returned.").between(1, 500).defaultsTo(100));
        Map<String, Object> out = Schemas.object("Prometheus status").prop("what", string("targets or rules"), true)
                .prop("items",
                        array(Schemas
                                .object("a target (job, instance, health, last_error, last_scrape,"
                                        + " scrape_ms) or a rule (group, name, type, health, state, query, last_error)")
                                .build(), "in Prometheus' order"),
                        true)
                .prop("total", integer("targets or rules before the limit"), true).prop("by_health",
                        Schemas.object("count per health (up, down, unknown; ok, err, unknown)").build(), true)
                .prop("truncated", bool("true when more exist than were returned")).build();
        return new ToolDef("get_prometheus_status", "ops", "Prometheus targets and rules",
                "What the configured Prometheus (prometheus_url) scrapes and evaluates: its scrape targets with their"
                        + " health and last error (is a job down?), or its recording and alerting rules with their"
                        + " health (does a rule fail to evaluate?). Counts per health come first; query text is"
                        + " shortened to 300 characters.",
                in, out, Hints.READ_ONLY, PrometheusStatusTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        PrometheusClient prometheus = new OpsMetrics(ctx.tracking()).prometheus();
        if (prometheus == null) {
            throw new IllegalArgumentException(
                    "no Prometheus is configured: set prometheus_url" + " (OBSERVATORY_PROMETHEUS_URL)");
        }
        boolean targets = args.string("what").equals("targets");
        JsonNode data = Sources.call(() -> targets ? prometheus.targets() : prometheus.rules());
        List<Map<String, Object>> items = targets ? targets(data) : rules(data);
        Map<String, Integer> byHealth = new TreeMap<>();
        items.forEach(i -> byHealth.merge(String.valueOf(i.get("health")), 1, Integer::sum));
        List<Map<String, Object>> shown = items.subList(0, Math.min(args.intValue("limit"), items.size()));
        int fit = ctx.budget().fit(Obj.of(), shown);
        return Obj.of().with("what", targets ? "targets" : "rules").with("items", shown.subList(0, fit))
                .with("total", items.size()).with("by_health", byHealth)
                .with("truncated", fit < items.size() ? Boolean.TRUE : null);
    }

    private static List<Map<String, Object>> targets(JsonNode data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode t : data.path("activeTargets")) {
            JsonNode labels = t.path("labels");
            out.add(Obj.of().with("job", text(labels.path("job"))).with("instance", text(labels.path("instance")))
                    .with("health", text(t.path("health"))).with("last_error", blankToNull(text(t.path("lastError"))))
                    .with("last_scrape", text(t.path("lastScrape"))).with("scrape_ms",
                            t.has("lastScrapeDuration")
                                    ? Math.round(t.path("lastScrapeDuration").asDouble() * 1e6) / 1e3
                                    : null));
        }
        return out;
    }

    private static List<Map<String, Object>> rules(JsonNode data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode g : data.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                String query = text(r.path("query"));
                out.add(Obj.of().with("group", text(g.path("name"))).with("name", text(r.path("name")))
                        .with("type", text(r.path("type"))).with("health", text(r.path("health")))
                        .with("state", text(r.path("state")))
                        .with("query",
                                query != null && query.length() > MAX_QUERY_CHARS
                                        ? query.substring(0, MAX_QUERY_CHARS) + "..."
                                        : query)
                        .with("last_error", blankToNull(text(r.path("lastError")))));
            }
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
