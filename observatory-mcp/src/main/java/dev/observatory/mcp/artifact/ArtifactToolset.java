package dev.observatory.mcp.artifact;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The tools over artifacts, checkpoints and lineage (toolset {@code artifacts}); list_checkpoints, find_best_checkpoint
 * and get_lineage are also listed in {@code core}.
 */
public final class ArtifactToolset {
    private ArtifactToolset() {
    }

    public static List<ToolDef> all() {
        return List.of(CheckpointTools.listCheckpoints(), CheckpointTools.findBest(), LineageTools.getLineage(),
                CheckpointTools.metadata(), CheckpointTools.url(), CheckpointTools.listReplays(),
                ArtifactTools.exists(), CheckpointAnalysisTools.progression(), CheckpointAnalysisTools.usage(),
                CheckpointAnalysisTools.statistics(), CheckpointAnalysisTools.compare(), ArtifactTools.list(),
                ArtifactTools.get(), ArtifactTools.browse().listedAlsoIn("admin"),
                ArtifactTools.storageUsage().listedAlsoIn("admin"), ArtifactTools.register(), LineageTools.link(),
                LineageTools.promote());
    }
}
