package dev.observatory.mcp.metrics;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The service-metric tools of the {@code ops} toolset: query_metrics, list_metric_names (Observatory's metric store or
 * the configured Prometheus) and generate_dashboard (Grafana dashboard JSON).
 */
public final class MetricsTools {
    private MetricsTools() {
    }

    public static List<ToolDef> all() {
        return List.of(QueryMetricsTool.definition(), MetricNamesTool.definition(), DashboardTool.definition(),
                PrometheusStatusTool.definition());
    }
}
