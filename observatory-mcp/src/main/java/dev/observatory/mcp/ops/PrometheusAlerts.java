package dev.observatory.mcp.ops;

import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.prom.PrometheusClient;
import dev.observatory.core.opsmetrics.prom.PrometheusException;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.ToolContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The alerts of the configured Prometheus' own rules, added to list_alerts; a failure is reported, not thrown. */
final class PrometheusAlerts {
    private PrometheusAlerts() {
    }

    static void add(Obj answer, ToolContext ctx, int limit) {
        PrometheusClient client = new OpsMetrics(ctx.tracking()).prometheus();
        if (client == null) {
            answer.with("prometheus_error", "prometheus_url is not configured");
            return;
        }
        JsonNode data;
        try {
            data = client.alerts();
        } catch (PrometheusException e) {
            answer.with("prometheus_error", e.getMessage());
            return;
        }
        List<Obj> rows = new ArrayList<>();
        for (JsonNode a : data.path("alerts")) {
            if (rows.size() >= limit) {
                answer.with("truncated", Boolean.TRUE);
                break;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            a.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            rows.add(Obj.of().with("name", labels.getOrDefault("alertname", ""))
                    .with("state", a.path("state").asString()).with("labels", labels)
                    .with("active_at", a.path("activeAt").isMissingNode() ? null : a.path("activeAt").asString())
                    .with("value", a.path("value").isMissingNode() ? null : a.path("value").asString()));
        }
        answer.with("prometheus_alerts", rows);
    }
}
