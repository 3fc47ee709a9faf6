package dev.observatory.mcp.analysis;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolDef;
import java.util.Map;

/** evaluate_run (evaluate-run.v1), suggest_next_experiment (suggest-next-experiment.v1) and diagnose_run. */
final class VerdictTools {
    static final String EVALUATE_ID = "evaluate-run.v1";
    static final String SUGGEST_ID = "suggest-next-experiment.v1";

    private VerdictTools() {
    }

    static Map<String, Object> withSchemaId(Map<String, Object> schema, String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        Map<String, Object> out = new java.util.LinkedHashMap<>(schema);
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("schema", string("contract id: " + id));
        p.putAll(props);
        p.put("truncated", bool("true when shortened to the output budget"));
        out.put("properties", p);
        java.util.List<Object> req = new java.util.ArrayList<>((java.util.List<?>) schema.get("required"));
        req.add(0, "schema");
        req.add("truncated");
        out.put("required", req);
        out.put("description", schema.get("description") + " (" + id + ")");
        return out;
    }

    static Map<String, Object> evaluateSchema() {
        return withSchemaId(AnalysisSchemas.EVALUATION, EVALUATE_ID);
    }

    static Map<String, Object> suggestSchema() {
        return withSchemaId(AnalysisSchemas.NEXT, SUGGEST_ID);
    }

    private static Map<String, Object> tagged(String id, Record r, dev.observatory.mcp.tool.ToolContext ctx) {
        Obj out = Obj.of().with("schema", id);
        out.putAll(AnalysisViews.of(r));
        return AnalysisArgs.answer(out, ctx);
    }

    static ToolDef evaluate() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), AnalysisArgs.metric("Primary metric."), Param
                .number("pass_threshold", "Overall score needed to pass (0-100).").between(0, 100).defaultsTo(70.0));
        return new ToolDef("evaluate_run", Toolsets.ANALYSIS, "Evaluate run",
                "Grade a run: overall score 0-100 (0.4 convergence + 0.35 stability + 0.25 speed), grade A-F"
                        + " (A >= 90 ... F < 60), and passed = score >= pass_threshold with no critical problem,"
                        + " with the reasons when it fails. Use it as a quality gate before promoting a run's"
                        + " checkpoint.",
                in, evaluateSchema(), Hints.READ_ONLY, (a, ctx) -> tagged(EVALUATE_ID, AnalysisArgs.analysis(ctx)
                        .evaluate(a.string("run_id"), a.string("metric"), a.number("pass_threshold")), ctx));
    }

    static ToolDef suggest() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), AnalysisArgs.metric("Primary metric."));
        return new ToolDef("suggest_next_experiment", Toolsets.ANALYSIS, "Suggest next experiment",
                "What should I try next? One concrete change from fixed rules over the run's analysis:"
                        + " recommendation_type (reduce_batch after OOM, add_warmup or tune_learning_rate after a"
                        + " divergence, regularise or more_data when overfitting, longer_training while still"
                        + " improving, stop_earlier, keep_configuration), the param with its current and proposed"
                        + " value, the rationale with evidence, and risk_level.",
                in, suggestSchema(), Hints.READ_ONLY, (a, ctx) -> tagged(SUGGEST_ID,
                        AnalysisArgs.analysis(ctx).suggestNextExperiment(a.string("run_id"), a.string("metric")), ctx));
    }

    static ToolDef diagnose() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId());
        Map<String, Object> event = Schemas.object("an event").prop("step", integer("metric step"))
                .prop("log_line", integer("log line number")).prop("kind", string(null), true)
                .prop("description", string(null), true).build();
        Map<String, Object> out = Schemas.object("what went wrong").prop("run", AnalysisSchemas.RUN, true)
                .prop("health", AnalysisSchemas.HEALTH, true)
                .prop("probable_cause", string("the most severe problem, or 'no problem found'"), true)
                .prop("problems", array(AnalysisSchemas.BOTTLENECK, "most severe first"), true)
                .prop("timeline", array(event, "critical moments and first OOM/NaN log lines"), true)
                .prop("log_clusters", array(AnalysisSchemas.LOG_CLUSTER, "top error signatures"), true)
                .prop("recommendations", array(AnalysisSchemas.RECOMMENDATION, null), true)
                .prop("next_experiment", AnalysisSchemas.NEXT, true)
                .prop("truncated", bool("true when shortened to the output budget"), true).build();
        return new ToolDef("diagnose_run", Toolsets.ANALYSIS, "Diagnose run",
                "Why did this run fail or underperform? The probable cause, every problem with confidence, a"
                        + " timeline of critical moments (divergence, drops, plateaus) and first OOM/NaN log lines,"
                        + " the top error signatures from the logs, recommendations and the next experiment. Use it"
                        + " for 'when and why did run X break?'.",
                in, out, Hints.READ_ONLY, (a, ctx) -> AnalysisArgs
                        .answer(AnalysisViews.of(AnalysisArgs.analysis(ctx).diagnose(a.string("run_id"))), ctx));
    }
}
