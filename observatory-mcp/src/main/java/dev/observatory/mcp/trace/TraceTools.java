package dev.observatory.mcp.trace;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The tools over traces of LLM apps and MCP servers (toolset {@code traces}); list_traces and get_trace are also listed
 * in {@code core}.
 */
public final class TraceTools {
    private TraceTools() {
    }

    public static List<ToolDef> all() {
        return List.of(ListTracesTool.listTraces(), GetTraceTool.definition(), ListTracesTool.findSlowTraces(),
                HealthTools.errors(), UsageTools.usage(), HealthTools.snapshot(), HealthTools.alerts(),
                UsageTools.compareModels());
    }
}
