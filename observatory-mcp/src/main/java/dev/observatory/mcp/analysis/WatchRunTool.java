package dev.observatory.mcp.analysis;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.metricValue;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolDef;
import java.util.Map;

/** watch_run: the latest window of some metrics and what changed since a step. */
final class WatchRunTool {
    private WatchRunTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(),
                Param.strings("metrics", "Metrics to watch (1-10); omit for the primary metric.").between(1, 10)
                        .example("[\"train/loss\", \"eval/accuracy\"]"),
                Param.integer("since_step",
                        "Report what changed after this step (e.g. next_since_step of the last"
                                + " call); omit for just the latest window.")
                        .between(Long.MIN_VALUE, Long.MAX_VALUE).example("1200"),
                Param.integer("window", "Latest raw points per metric (10-1000).").between(10, 1000).defaultsTo(50));
        Map<String, Object> point = Schemas.object("a point").prop("step", integer(null), true)
                .prop("value", metricValue("value"), true).build();
        Map<String, Object> watched = Schemas.object("one metric").prop("key", string(null), true)
                .prop("points", integer("points in total"), true).prop("latest_step", integer(null))
                .prop("latest", metricValue("latest value")).prop("value_at_since", metricValue("value at since_step"))
                .prop("change", number("latest - value_at_since")).prop("relative_change", number(null))
                .prop("new_points", integer("points after since_step"), true)
                .prop("non_finite_since", integer("NaN/Inf points after since_step"), true)
                .prop("window_sampled", bool(null), true).prop("window", array(point, "latest points"), true).build();
        Map<String, Object> out = Schemas.object("latest window and changes").prop("run", AnalysisSchemas.RUN, true)
                .prop("since_step", integer(null)).prop("next_since_step", integer("pass as since_step next time"))
                .prop("metrics", array(watched, null), true)
                .prop("new_error_lines", integer("ERROR log lines since since_step"), true)
                .prop("heartbeat_at", string("ISO-8601 last sign of life"))
                .prop("truncated", bool("true when shortened to the output budget"), true).build();
        return new ToolDef("watch_run", Toolsets.ANALYSIS, "Watch run",
                "Poll a running run: the latest window of raw points of up to 10 metrics and, given since_step,"
                        + " each metric's value then, the change, new points and NaN/Inf values since, and new ERROR"
                        + " log lines. Call again with next_since_step to see only what is new.",
                in, out, Hints.READ_ONLY,
                (a, ctx) -> AnalysisArgs.answer(AnalysisViews.of(AnalysisArgs.analysis(ctx).watch(a.string("run_id"),
                        a.strings("metrics"), a.longValue("since_step"), a.intValue("window"))), ctx));
    }
}
