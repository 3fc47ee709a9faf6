package dev.observatory.mcp.ops;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The SLO and alerting tools of the {@code ops} toolset; get_slo_status and list_alerts are also listed in
 * {@code core}.
 */
public final class OpsTools {
    private OpsTools() {
    }

    public static List<ToolDef> all() {
        return List.of(SloTools.list(), SloTools.status(), SloTools.report(), SloTools.create(), AlertTools.listRules(),
                AlertTools.createRule(), AlertTools.listAlerts(), RoutingTool.definition(), AlertTools.silence());
    }
}
