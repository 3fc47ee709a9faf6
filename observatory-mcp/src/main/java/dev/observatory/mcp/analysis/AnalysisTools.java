package dev.observatory.mcp.analysis;

import dev.observatory.mcp.tool.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-intelligence tools (toolset {@code analysis}); get_training_observability and compare_runs are also listed in
 * {@code core}. The four contract tools' output schemas are committed under {@code docs/schemas/}.
 */
public final class AnalysisTools {
    private AnalysisTools() {
    }

    public static List<ToolDef> all() {
        List<ToolDef> all = new ArrayList<>(CurveTools.all());
        all.add(ObservabilityTool.definition());
        all.add(CompareRunsTool.definition());
        all.add(VerdictTools.evaluate());
        all.add(VerdictTools.suggest());
        all.add(VerdictTools.diagnose());
        all.add(WatchRunTool.definition());
        all.add(ReportTool.definition());
        return List.copyOf(all);
    }

    /** The versioned output contracts: file name under docs/schemas to the output schema. */
    public static java.util.Map<String, java.util.Map<String, Object>> contracts() {
        java.util.Map<String, java.util.Map<String, Object>> m = new java.util.LinkedHashMap<>();
        m.put(ObservabilityTool.SCHEMA_ID, ObservabilityTool.outputSchema());
        m.put(CompareRunsTool.SCHEMA_ID, CompareRunsTool.outputSchema());
        m.put(VerdictTools.EVALUATE_ID, VerdictTools.evaluateSchema());
        m.put(VerdictTools.SUGGEST_ID, VerdictTools.suggestSchema());
        return m;
    }
}
