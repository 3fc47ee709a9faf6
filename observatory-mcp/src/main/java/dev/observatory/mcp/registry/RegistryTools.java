package dev.observatory.mcp.registry;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The tools over the model registry (toolset {@code registry}); list_models and get_latest_version are also listed in
 * {@code core}.
 */
public final class RegistryTools {
    private RegistryTools() {
    }

    public static List<ToolDef> all() {
        return List.of(ListModelsTool.definition(), ModelTools.getModel(), ModelTools.createModel(),
                ModelTools.updateModel(), DeleteModelTool.definition(), ListVersionsTool.definition(),
                VersionTools.getVersion(), VersionTools.getLatestVersion(), VersionTools.createVersion(),
                PromoteVersionTool.definition(), CompareVersionsTool.definition());
    }
}
