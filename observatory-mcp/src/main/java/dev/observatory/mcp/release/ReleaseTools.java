package dev.observatory.mcp.release;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The GitOps release tools (toolset {@code release}): production topology from YAML release configs in a Git
 * repository, and production changes proposed as pull requests.
 */
public final class ReleaseTools {
    private ReleaseTools() {
    }

    public static List<ToolDef> all() {
        return List.of(ReleaseReadTools.listConfigs(), ReleaseReadTools.getConfig(), TopologyTool.definition(),
                ReleaseReadTools.modelsByDeployment(), ReleaseReadTools.templates(), ProposeTool.definition());
    }
}
