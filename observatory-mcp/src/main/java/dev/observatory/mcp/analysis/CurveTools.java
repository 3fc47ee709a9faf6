package dev.observatory.mcp.analysis;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.analysis.Reports;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** The curve tools: progression, learning curves, critical moments, correlation, forecast. */
final class CurveTools {
    private CurveTools() {
    }

    private static Map<String, Object> truncatedProp(Schemas.ObjectBuilder b) {
        return b.prop("truncated", bool("true when the answer was shortened to the output budget"), true).build();
    }

    static ToolDef progression() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), AnalysisArgs.metric("Metric to analyse."),
                AnalysisArgs.direction());
        Map<String, Object> out = truncatedProp(Schemas.object("training progression of one metric")
                .prop("run", AnalysisSchemas.RUN, true).prop("curve", AnalysisSchemas.CURVE, true)
                .prop("moments", AnalysisSchemas.MOMENT_REPORT, true).prop("summary", string("one sentence"), true));
        return new ToolDef("analyze_training_progression", Toolsets.ANALYSIS, "Analyze training progression",
                "Is the run still learning? Trend and learning velocity (slope of the smoothed curve per 1k steps as"
                        + " a share of its range), convergence (step where improvement over a trailing 10% window"
                        + " fell below 1%), the phase (learning, converged, stalled, regressing, diverged), t90 and"
                        + " the critical moments of one metric, read in full. Use it first for 'how is run X doing'.",
                in, out, Hints.READ_ONLY, (a, ctx) -> AnalysisArgs.answer(AnalysisViews.of(AnalysisArgs.analysis(ctx)
                        .progression(a.string("run_id"), a.string("metric"), AnalysisArgs.direction(a))), ctx));
    }

    static ToolDef learningCurves() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), Param
                .strings("metrics",
                        "Metrics to analyse (1-10); omit for the primary metric and its eval"
                                + " counterpart (train/loss with eval/loss or val/loss).")
                .between(1, 10).example("[\"train/loss\", \"eval/loss\"]"));
        Map<String, Object> gap = Schemas.object("train/eval gap of a pair").prop("train_metric", string(null), true)
                .prop("eval_metric", string(null), true)
                .prop("result",
                        Schemas.object("the gap analysis")
                                .prop("signal", AnalysisSchemas.enumOf(null, "none", "watch", "overfitting"), true)
                                .prop("status", string(null), true).prop("onset_step", integer("where eval turned"))
                                .prop("confidence", number(null)).prop("confidence_source", string(null), true).build(),
                        true)
                .build();
        Map<String, Object> out = truncatedProp(
                Schemas.object("learning curves and train/eval gaps").prop("run", AnalysisSchemas.RUN, true)
                        .prop("curves", array(AnalysisSchemas.CURVE, "one per metric, in the order asked"), true)
                        .prop("gaps", array(gap, "overfitting signal per train/eval pair found"), true));
        return new ToolDef("analyze_learning_curves", Toolsets.ANALYSIS, "Analyze learning curves",
                "Learning curves of up to 10 metrics of a run: trend, velocity, convergence, a 24-point smoothed"
                        + " summary of each, and for every train/eval pair (train/loss with eval/loss) the"
                        + " overfitting signal (growing gap while eval gets worse) with its onset step. Use it to"
                        + " check generalisation or to compare a run's metrics with each other.",
                in, out, Hints.READ_ONLY,
                (a, ctx) -> AnalysisArgs.answer(
                        AnalysisViews.of(
                                AnalysisArgs.analysis(ctx).learningCurves(a.string("run_id"), a.strings("metrics"))),
                        ctx));
    }

    static ToolDef criticalMoments() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), AnalysisArgs.metric("Metric to scan."),
                AnalysisArgs.direction());
        Map<String, Object> out = truncatedProp(
                Schemas.object("critical moments of one metric").prop("run", AnalysisSchemas.RUN, true)
                        .prop("metric", string(null), true).prop("total_points", integer(null), true)
                        .prop("sampled", bool("true when read as an M4 downsampling"), true)
                        .prop("report", AnalysisSchemas.MOMENT_REPORT, true));
        return new ToolDef("identify_critical_moments", Toolsets.ANALYSIS, "Identify critical moments",
                "When did it break, or take off? Finds breakthroughs (sustained sudden improvement), drops"
                        + " (sudden regression), plateaus (learning stalled then resumed: start and end step) and"
                        + " divergences (NaN/Inf or a loss explosion) in one metric, each with step, magnitude,"
                        + " confidence 0-1 and confidence_source. Isolated spikes are ignored. Benchmarked at"
                        + " precision/recall >= 0.9 on labelled curves.",
                in, out, Hints.READ_ONLY, (a,
                        ctx) -> AnalysisArgs.answer(AnalysisViews.of(AnalysisArgs.analysis(ctx)
                                .criticalMoments(a.string("run_id"), a.string("metric"), AnalysisArgs.direction(a))),
                                ctx));
    }

    static ToolDef correlate() {
        InputSchema in = InputSchema
                .of(AnalysisArgs.runId(),
                        Param.string("metric_a", "First metric.").required().between(1, 250).example("\"train/loss\""),
                        Param.string("metric_b", "Second metric.").required().between(1, 250)
                                .example("\"train/grad_norm\""),
                        Param.integer("max_lag",
                                "Largest lag tried, in points of the step-aligned series (0: no lag search;"
                                        + " positive lag means metric_b follows metric_a).")
                                .between(0, 100).defaultsTo(0));
        Map<String, Object> corr = Schemas.object("the correlation").prop("status", string(null), true)
                .prop("paired_points", integer("pairs on common steps"), true)
                .prop("lag", integer("best lag in points"), true).prop("lag_steps", integer(null), true)
                .prop("pearson", number("-1..1"), true).prop("pearson_p_value", number(null), true)
                .prop("spearman", number("-1..1"), true).prop("spearman_p_value", number(null), true).build();
        Map<String, Object> out = truncatedProp(Schemas.object("correlation of two metrics")
                .prop("run", AnalysisSchemas.RUN, true).prop("metric_a", string(null), true)
                .prop("metric_b", string(null), true).prop("max_lag", integer(null), true)
                .prop("correlation", corr, true).prop("strength",
                        AnalysisSchemas.enumOf("by |pearson|", "none", "weak", "moderate", "strong", "very_strong"),
                        true));
        return new ToolDef("correlate_metrics", Toolsets.ANALYSIS, "Correlate metrics",
                "Pearson and Spearman correlation of two metrics of a run, paired on equal steps, with p-values and"
                        + " an optional lag search (does grad_norm lead the loss spikes?). Both metrics are read in"
                        + " full. Use it to test a suspected relation between two curves.",
                in, out, Hints.READ_ONLY,
                (a, ctx) -> AnalysisArgs
                        .answer(AnalysisViews.of(AnalysisArgs.analysis(ctx).correlate(a.string("run_id"),
                                a.string("metric_a"), a.string("metric_b"), a.intValue("max_lag"))), ctx));
    }

    static ToolDef predict() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), AnalysisArgs.metric("Metric to project."), Param
                .integer("target_step",
                        "Step to project to; omit for the planned steps in the run's params"
                                + " (max_steps, total_timesteps...) or else twice the last step.")
                .between(0, Long.MAX_VALUE).example("20000"));
        Map<String, Object> forecast = Schemas.object("the forecast").prop("status", string(null), true)
                .prop("model", string("power_law, exponential, log_linear or constant"))
                .prop("target_step", integer(null), true).prop("projected", number("value at target_step"))
                .prop("lower", number("interval low (about 95%)")).prop("upper", number("interval high"))
                .prop("interval_source", string(null), true)
                .prop("holdout_rmse", number("chosen model's error on the held-out last 20%"))
                .prop("candidates", array(Schemas.object("a model tried").prop("model", string(null), true)
                        .prop("holdout_rmse", number(null)).build(), "best first"), true)
                .build();
        Map<String, Object> out = truncatedProp(
                Schemas.object("projected outcome").prop("run", AnalysisSchemas.RUN, true)
                        .prop("metric", string(null), true).prop("direction", AnalysisSchemas.DIRECTION, true)
                        .prop("last_value", number(null)).prop("last_step", integer(null))
                        .prop("target_source", string(null), true).prop("forecast", forecast, true));
        return new ToolDef("predict_training_outcome", Toolsets.ANALYSIS, "Predict training outcome",
                "Where will this metric end up? Fits power-law, exponential and log-linear models to the curve,"
                        + " picks the one with the smallest error on the held-out last 20% of steps, and projects"
                        + " the value at a target step with an interval and the model used. Use it to decide"
                        + " whether to keep a run going.",
                in, out, Hints.READ_ONLY, (a, ctx) -> AnalysisArgs.answer(AnalysisViews.of(AnalysisArgs.analysis(ctx)
                        .predict(a.string("run_id"), a.string("metric"), a.longValue("target_step"))), ctx));
    }

    static ToolDef behaviour() {
        InputSchema in = InputSchema.of(
                AnalysisArgs.runId(), Param
                        .string("family",
                                "Key prefix of the per-action rate metrics, e.g. \"actions/\"; omit to use"
                                        + " every metric whose key contains 'action'.")
                        .between(1, 250).example("\"actions/\""),
                Param.string("reward_metric", "Reward metric; omit to use the run's return/reward metric.")
                        .between(1, 250).example("\"charts/episodic_return\""),
                Param.string("resource_metric", "Resource metric (energy, tokens, GPU seconds) for reward per unit;"
                        + " omit to skip efficiency.").between(1, 250).example("\"energy_j\""));
        Map<String, Object> mastery = Schemas.object("when one action's rate settled")
                .prop("action", string(null), true).prop("status", string(null), true)
                .prop("mastered_at_step", integer(null)).prop("stable", bool(null), true).build();
        Map<String, Object> out = truncatedProp(
                Schemas.object("behavioural patterns").prop("run", AnalysisSchemas.RUN, true)
                        .prop("family", string(null)).prop("mastery", array(mastery, "per action"), true)
                        .prop("reward_metric", string(null)).prop("resource_metric", string(null))
                        .prop("efficiency", Schemas.anyObject("reward per unit of resource over common steps"))
                        .prop("notes", array(string(null), "what was assumed or skipped"), true));
        return new ToolDef("analyze_behavioral_patterns", Toolsets.ANALYSIS, "Analyze behavioral patterns",
                "Behaviour of a reinforcement-learning run: for each per-action rate metric, the step from which it"
                        + " stayed within 5% of its final level ('mastery'), and the reward per unit of a resource"
                        + " metric with its trend. Per-action rates are read as M4 charts of 1,000 buckets.",
                in, out, Hints.READ_ONLY, (a,
                        ctx) -> AnalysisArgs.answer(
                                AnalysisViews.of(AnalysisArgs.analysis(ctx).behaviour(a.string("run_id"),
                                        a.string("family"), a.string("reward_metric"), a.string("resource_metric"))),
                                ctx));
    }

    static ToolDef insights() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId());
        Map<String, Object> insight = Schemas.object("one insight").prop("code", string(null), true)
                .prop("severity", AnalysisSchemas.SEVERITY, true).prop("title", string(null), true)
                .prop("detail", string(null), true)
                .prop("evidence", array(AnalysisSchemas.EVIDENCE, "what it rests on"), true).build();
        Map<String, Object> out = truncatedProp(
                Schemas.object("deterministic insights").prop("run", AnalysisSchemas.RUN, true)
                        .prop("health", AnalysisSchemas.HEALTH, true).prop("scores", AnalysisSchemas.SCORES, true)
                        .prop("insights", array(insight, "problems first (critical, warning), then facts"), true));
        return new ToolDef("generate_training_insights", Toolsets.ANALYSIS, "Generate training insights",
                "Deterministic insights about a run, each with the evidence it rests on (metric, step, value,"
                        + " source): its bottlenecks with what to do, how much it learned and how fast, convergence,"
                        + " breakthroughs and learning resumed after plateaus. Same input, same answer; no LLM"
                        + " involved.",
                in, out, Hints.READ_ONLY, (a, ctx) -> AnalysisArgs
                        .answer(AnalysisViews.of(AnalysisArgs.analysis(ctx).insights(a.string("run_id"))), ctx));
    }

    static List<ToolDef> all() {
        return List.of(progression(), learningCurves(), criticalMoments(), correlate(), behaviour(), predict(),
                insights());
    }

}
