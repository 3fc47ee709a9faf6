package dev.observatory.mcp.analysis;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.analysis.RunComparison;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** compare_runs: ranking by a metric with explainable score deltas (contract compare-runs.v1). In core too. */
final class CompareRunsTool {
    static final String SCHEMA_ID = "compare-runs.v1";

    private CompareRunsTool() {
    }

    static Map<String, Object> outputSchema() {
        Map<String, Object> bandSource = Schemas.object("how bands are derived")
                .prop("id", string("versioned method id, absolute_delta_thresholds_v1"), true)
                .prop("units", string("score_points"), true)
                .prop("thresholds", mapOf(number(null), "negligible_lte, moderate_lte, large_gt"), true).build();
        Map<String, Object> band = AnalysisSchemas.enumOf(null, "negligible", "moderate", "large");
        Map<String, Object> delta = Schemas.object("this run minus the winner, in score points")
                .prop("total", number("overall score delta"), true).prop("total_band", band, true)
                .prop("components", mapOf(number(null), "convergence, stability, speed deltas"), true)
                .prop("component_bands", mapOf(band, "band of each component"), true)
                .prop("metric_delta", number("metric value delta, metric units")).prop("band_source", bandSource, true)
                .build();
        Map<String, Object> ranked = Schemas.object("one run of the ranking").prop("rank", integer("1 = winner"), true)
                .prop("run_id", string(null), true).prop("name", string(null), true).prop("status", string(null), true)
                .prop("value", number("the value ranked on; absent when NaN (ranks last)"))
                .prop("scores", AnalysisSchemas.SCORES, true).prop("health", AnalysisSchemas.HEALTH, true)
                .prop("delta_to_winner", delta).build();
        return Schemas.paged(Schemas.object("runs ranked by a metric (" + SCHEMA_ID + ")")
                .prop("schema", string("contract id: " + SCHEMA_ID), true).prop("metric", string(null), true)
                .prop("direction", AnalysisSchemas.DIRECTION, true)
                .prop("rank_by", AnalysisSchemas.enumOf(null, "last", "best"), true)
                .prop("compared_count", integer(null), true)
                .prop("winner",
                        Schemas.object("the best run by the metric").prop("run_id", string(null), true)
                                .prop("name", string(null), true).prop("value", number(null), true).build(),
                        true)
                .prop("ranking", array(ranked, "best first; this page of it"), true)
                .prop("band_source", bandSource, true)).build();
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.strings("run_ids", "Runs to compare, 2 to 50 run ids, each once.").required().between(2, 50)
                        .example("[\"3f2a9c1d5e7b4a60\", \"77c0e1a2b3d4f5a6\"]"),
                AnalysisArgs.metric("Metric to rank by; every run must log it."), AnalysisArgs.direction(),
                Param.string("rank_by", "Rank by the metric's last value or its best value.")
                        .oneOf(List.of("last", "best")).defaultsTo("last"),
                PageCursor.param());
        return new ToolDef("compare_runs", Toolsets.ANALYSIS, "Compare runs",
                "Which of these runs should I keep? Ranks 2-50 runs by a metric (last or best value; NaN last),"
                        + " names the winner, and explains every other run with delta_to_winner: total and"
                        + " component (convergence, stability, speed) score deltas, each banded negligible /"
                        + " moderate / large per band_source absolute_delta_thresholds_v1. Runs lacking the metric"
                        + " are an error naming them.",
                in, outputSchema(), Hints.READ_ONLY, CompareRunsTool::handle).listedAlsoIn(Toolsets.CORE);
    }

    static Map<String, Object> handle(Args a, ToolContext ctx) {
        RunComparison c = AnalysisArgs.analysis(ctx).compareRuns(a.strings("run_ids"), a.string("metric"),
                AnalysisArgs.direction(a), a.string("rank_by"));
        long offset = PageCursor.offset(a, ctx);
        Obj all = AnalysisViews.of(c);
        @SuppressWarnings("unchecked")
        List<Object> ranking = (List<Object>) all.remove("ranking");
        List<Object> rest = ranking.subList((int) Math.min(offset, ranking.size()), ranking.size());
        Obj base = Obj.of().with("schema", SCHEMA_ID);
        base.putAll(all);
        int n = ctx.budget().fit(base, rest);
        boolean more = n < rest.size();
        return base.with("ranking", rest.subList(0, n)).with("truncated", more).with("next_cursor",
                more ? PageCursor.at(offset + n, a, ctx) : null);
    }
}
