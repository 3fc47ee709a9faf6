package dev.observatory.mcp.deploy;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The deployment toolset ({@code deploy}): deployments of model versions (process runtime, docker where an engine
 * answers), their health and logs, and benchmarks of serving endpoints.
 */
public final class DeployTools {
    private DeployTools() {
    }

    public static List<ToolDef> all() {
        return List.of(RunBenchmarkTool.definition(), BenchmarkReadTools.list(), BenchmarkReadTools.get(),
                BenchmarkReadTools.summary(), DeploymentControlTools.execute(), DeploymentReadTools.list(),
                DeploymentReadTools.get(), DeploymentReadTools.status(), DeploymentControlTools.stop(),
                DeploymentControlTools.start(), DeploymentControlTools.restart(), HealthTools.deploymentHealth(),
                DeploymentReadTools.logs(), HealthTools.healthCheck(), HealthTools.discover(), BuildTools.list(),
                BuildTools.get(), BuildTools.logs(), BuildTools.trigger(), BuildTools.diskUsage(),
                AuditTools.auditLogs(), ModelStorageTool.definition(), BuildTools.cancel());
    }
}
