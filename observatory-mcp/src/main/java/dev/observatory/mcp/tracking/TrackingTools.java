package dev.observatory.mcp.tracking;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/** The tools over the tracking service (projects, runs, metrics, logs, search); all in the core toolset. */
public final class TrackingTools {
    private TrackingTools() {
    }

    public static List<ToolDef> all() {
        return List.of(ListProjectsTool.definition(), ListRunsTool.definition(), GetRunTool.definition(),
                GetRunMetricsTool.definition(), ListMetricsTool.definition(), GetRunLogsTool.definition(),
                SearchTool.definition());
    }
}
