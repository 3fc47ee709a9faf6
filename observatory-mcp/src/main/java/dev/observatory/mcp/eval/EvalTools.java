package dev.observatory.mcp.eval;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/**
 * Evaluations and scorecards (toolset {@code analysis}): record evaluation results, list evaluations and metrics,
 * search trained policies (checkpoints and model versions) with their results and draw policy x evaluation scorecards.
 * The scorecard's output schema is committed under {@code docs/schemas/}.
 */
public final class EvalTools {
    private EvalTools() {
    }

    public static List<ToolDef> all() {
        return List.of(LogEvalResultsTool.definition(), EvalCatalogTools.evalNames(), EvalCatalogTools.metrics(),
                PolicyTools.search(), PolicyTools.get(), ScorecardTool.definition());
    }

    /** The versioned output contracts: file name under docs/schemas to the output schema. */
    public static java.util.Map<String, java.util.Map<String, Object>> contracts() {
        return java.util.Map.of(ScorecardTool.SCHEMA_ID, ScorecardTool.outputSchema());
    }
}
