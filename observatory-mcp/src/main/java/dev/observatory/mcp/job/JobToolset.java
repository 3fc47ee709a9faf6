package dev.observatory.mcp.job;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The tools over training jobs (toolset {@code jobs}): start, watch, stop, logs, resources, costs, failures and
 * configuration diffs; list_jobs is also listed in {@code core}.
 */
public final class JobToolset {
    private JobToolset() {
    }

    public static List<ToolDef> all() {
        return List.of(JobControlTools.start(), JobControlTools.runWithGuardrails(), JobControlTools.stop(),
                JobQueryTools.list(), JobQueryTools.status(), JobQueryTools.logs(), JobQueryTools.watch(),
                JobAnalysisTools.performance(), JobSystemTools.utilization(), JobAnalysisTools.failures(),
                JobAnalysisTools.costs(), JobSystemTools.system(), JobAnalysisTools.compare());
    }
}
