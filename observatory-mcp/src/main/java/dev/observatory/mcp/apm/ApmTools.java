package dev.observatory.mcp.apm;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The APM tools of the {@code ops} toolset: service health (RED), latency analysis, the service map (data and PNG),
 * anomaly detection and capacity forecasts.
 */
public final class ApmTools {
    private ApmTools() {
    }

    public static List<ToolDef> all() {
        return List.of(HealthTool.definition(), LatencyTool.definition(), ServiceMapTool.definition(),
                AnomalyTool.definition(), ForecastTool.definition());
    }
}
