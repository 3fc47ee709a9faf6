package dev.observatory.mcp.deploy;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The deployment toolset ({@code deploy}). Now the benchmark tools; the deployment tools (execute_deployment and its
 * kin) join it when the process runtime lands.
 */
public final class DeployTools {
    private DeployTools() {
    }

    public static List<ToolDef> all() {
        return List.of(RunBenchmarkTool.definition(), BenchmarkReadTools.list(), BenchmarkReadTools.get(),
                BenchmarkReadTools.summary());
    }
}
