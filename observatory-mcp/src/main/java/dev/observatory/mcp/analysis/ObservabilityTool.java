package dev.observatory.mcp.analysis;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.analysis.ObservabilityOptions;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.Map;

/** get_training_observability: the one-call health check (contract training-observability.v1). In core too. */
final class ObservabilityTool {
    static final String SCHEMA_ID = "training-observability.v1";

    private ObservabilityTool() {
    }

    static Map<String, Object> outputSchema() {
        Map<String, Object> speed = Schemas.object("speed").prop("throughput_metric", string(null))
                .prop("throughput_mean", number(null)).prop("throughput_cv", number("coefficient of variation"))
                .prop("throughput_tail_ratio", number("last 10% mean / median"))
                .prop("t90_run_fraction", number("run share until 90% of the improvement"))
                .prop("learning_velocity", number("recent improvement per 1k steps / range")).build();
        Map<String, Object> quality = Schemas.object("quality and convergence")
                .prop("primary", AnalysisSchemas.CURVE, true).prop("eval_metric", string(null))
                .prop("overfitting", Schemas.anyObject("train/eval gap analysis")).build();
        Map<String, Object> stability = Schemas.object("stability").prop("diverged", bool(null), true)
                .prop("divergence_step", integer(null))
                .prop("non_finite_by_metric", AnalysisSchemas.counts("NaN/Inf points per metric"), true)
                .prop("drops", integer(null), true).prop("plateaus", integer(null), true)
                .prop("noise_ratio", number(null))
                .prop("moments", array(AnalysisSchemas.MOMENT, "critical moments of the primary metric"), true).build();
        Map<String, Object> errors = Schemas.object("errors from the logs")
                .prop("lines_total", integer("lines the run logged"), true)
                .prop("lines_analysed", integer("the tail plus every WARN/ERROR line"), true)
                .prop("error_count", integer(null), true).prop("warning_count", integer(null), true)
                .prop("oom_count", integer(null), true).prop("nan_count", integer(null), true)
                .prop("first_oom_line", integer(null)).prop("first_nan_line", integer(null))
                .prop("distinct_signatures", integer(null), true).prop("repeated_error_signatures", integer(null), true)
                .prop("top_clusters", array(AnalysisSchemas.LOG_CLUSTER, "at most 5"), true).build();
        Map<String, Object> thresholds = Schemas.object("thresholds used").prop("pass_threshold", number(null), true)
                .prop("warning_below", number(null), true).prop("critical_below", number(null), true)
                .prop("score_weights", mapOf(number(null), "weight of each score in overall"), true).build();
        Map<String, Object> context = Schemas.object("what the analysis assumed")
                .prop("run_class", AnalysisSchemas.enumOf(null, "standard", "short", "long", "rl"), true)
                .prop("primary_metric", string(null), true).prop("direction", AnalysisSchemas.DIRECTION, true)
                .prop("throughput_metric", string(null)).prop("sampled", bool(null), true)
                .prop("speed_curve_thresholds",
                        mapOf(number(null),
                                "adaptive t90 thresholds of the run class (excellent, good, fair, watch, poor)"),
                        true)
                .build();
        Map<String, Object> baseline = Schemas.object("against the project's best runs")
                .prop("metric", string(null), true).prop("limit", integer(null), true)
                .prop("runs",
                        array(Schemas.object("a baseline run").prop("run_id", string(null), true)
                                .prop("name", string(null), true).prop("value", number(null))
                                .prop("overall_score", number(null)).build(), "best first"),
                        true)
                .prop("rank", integer("1 = better than every baseline"), true)
                .prop("delta_to_best", number("metric units"))
                .prop("verdict", AnalysisSchemas.enumOf(null, "best", "within_5_percent", "behind"), true).build();
        return Schemas.object("one-call observability of a run (" + SCHEMA_ID + ")")
                .prop("schema", string("contract id: " + SCHEMA_ID), true).prop("run", AnalysisSchemas.RUN, true)
                .prop("health", AnalysisSchemas.HEALTH, true).prop("speed", speed, true).prop("quality", quality, true)
                .prop("stability", stability, true).prop("errors", errors, true)
                .prop("scores", AnalysisSchemas.SCORES, true)
                .prop("bottlenecks", array(AnalysisSchemas.BOTTLENECK, "most severe first"), true)
                .prop("recommendations", array(AnalysisSchemas.RECOMMENDATION, null), true)
                .prop("decision_gates",
                        Schemas.object("go/no-go").prop("ready_for_release", bool(null), true)
                                .prop("converged", bool(null), true).prop("stable", bool(null), true)
                                .prop("no_errors", bool(null), true).build(),
                        true)
                .prop("release_blockers", array(string(null), "why ready_for_release is false"), true)
                .prop("thresholds", thresholds, true).prop("context", context, true)
                .prop("evaluation", AnalysisSchemas.EVALUATION).prop("next_experiment", AnalysisSchemas.NEXT)
                .prop("baseline_comparison", baseline)
                .prop("truncated", bool("true when shortened to the output budget"), true).build();
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), AnalysisArgs.metric("Primary metric."),
                AnalysisArgs.direction(),
                Param.integer("log_lines", "Log tail to analyse (every WARN/ERROR line is analysed too).")
                        .between(100, 100_000).defaultsTo(10_000),
                Param.number("pass_threshold", "Overall score a run needs to pass (0-100).").between(0, 100).defaultsTo(
                        70.0),
                Param.bool("include_evaluation", "Add the grade (A-F) and pass/fail.").defaultsTo(false),
                Param.bool("include_next_experiment", "Add the suggested next experiment.").defaultsTo(false),
                Param.bool("include_baseline_comparison",
                        "Compare with the project's best finished runs by the primary metric.").defaultsTo(false),
                Param.integer("baseline_limit", "How many best runs to compare with.").between(1, 20).defaultsTo(5));
        return new ToolDef("get_training_observability", Toolsets.ANALYSIS, "Get training observability",
                "Everything about a run's health in one call: health (healthy, warning, critical); speed,"
                        + " quality/convergence, stability and errors (from its logs) sections; scores 0-100"
                        + " (overall, convergence, stability, speed); bottlenecks with confidence and"
                        + " confidence_source; prioritised recommendations; decision gates such as"
                        + " ready_for_release; the thresholds and run class used; optionally the grade, the next"
                        + " experiment and a comparison with the project's best runs. Start here for 'is run X ok?'.",
                in, outputSchema(), Hints.READ_ONLY, ObservabilityTool::handle).listedAlsoIn(Toolsets.CORE);
    }

    static Map<String, Object> handle(Args a, ToolContext ctx) {
        ObservabilityOptions o = new ObservabilityOptions(a.string("metric"), AnalysisArgs.direction(a),
                a.intValue("log_lines"), a.number("pass_threshold"), a.bool("include_evaluation"),
                a.bool("include_next_experiment"), a.bool("include_baseline_comparison"), a.intValue("baseline_limit"));
        var answer = AnalysisViews.of(AnalysisArgs.analysis(ctx).observability(a.string("run_id"), o));
        var out = dev.observatory.mcp.tool.Obj.of().with("schema", SCHEMA_ID);
        out.putAll(answer);
        return AnalysisArgs.answer(out, ctx);
    }
}
