package dev.observatory.mcp.dataset;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * The tools over training configs, datasets and local model files (toolset {@code datasets}): configs from templates
 * validated against JSON Schemas, training plans, dataset registration, diagnosis and reversible improvement, and the
 * model weight files under the model roots.
 */
public final class DatasetToolset {
    private DatasetToolset() {
    }

    public static List<ToolDef> all() {
        return List.of(ConfigTools.create(), ConfigTools.validate(), PlanAndModelTools.recommend(), ConfigTools.list(),
                ConfigTools.get(), DatasetTools.register(), DatasetTools.list(), DatasetTools.diagnose(),
                DatasetTools.improve(), PlanAndModelTools.listModels());
    }
}
