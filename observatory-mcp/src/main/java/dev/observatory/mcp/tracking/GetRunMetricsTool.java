package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.MetricHistory;
import dev.observatory.core.Tracking;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** get_run_metrics: downsampled series with summary statistics, sized for a model to read. */
final class GetRunMetricsTool {
    private GetRunMetricsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(GetRunTool.runId(),
                Param.strings("keys", "Metric keys to read (1-20), as listed by get_run or list_metrics.").required()
                        .between(1, 20).example("[\"loss\", \"val/loss\"]"),
                Param.integer("from_step", "First step of the range (default: the first step)."),
                Param.integer("to_step", "Last step of the range (default: the last step)."),
                Param.integer("max_points", "Most points per series (4-2000). Longer series are downsampled with M4"
                        + " (per bucket: first, min, max, last), which keeps spikes, NaN jumps and plateaus visible.")
                        .between(4, 2000).defaultsTo(100),
                PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("series of one run").prop("run_id", string(null), true)
                .prop("series", array(series(), "one entry per requested key, in request order"), true)).build();
        return new ToolDef("get_run_metrics", Toolsets.CORE, "Get run metrics",
                "Read metric curves of one run: for each key, summary statistics of the whole series (first, last,"
                        + " min, max with the steps where they occur, NaN count) and the points of the chosen step"
                        + " range, downsampled to at most max_points (values rounded to 6 significant digits). Use it"
                        + " to see how a run trained: divergence (NaN, loss going up), plateaus, spikes, convergence.",
                in, out, Hints.READ_ONLY, GetRunMetricsTool::handle);
    }

    private static Map<String, Object> series() {
        return Schemas.object("one metric series").prop("key", string(null), true)
                .prop("summary", RunViews.SUMMARY_SCHEMA, true)
                .prop("points",
                        array(array(Schemas.metricValue("step, then value"), "[step, value]"), "points in step order"),
                        true)
                .prop("downsampled", bool("true when the range had more than max_points points"), true)
                .prop("from_step", integer(null)).prop("to_step", integer(null))
                .prop("url", string("chart in the web UI")).build();
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        String runId = args.string("run_id");
        ctx.tracking().getRun(runId);
        List<String> keys = args.strings("keys");
        int offset = (int) Math.min(PageCursor.offset(args, ctx), keys.size());
        int maxPoints = args.intValue("max_points");
        List<Obj> series = new ArrayList<>();
        for (String key : keys.subList(offset, keys.size())) {
            series.add(read(ctx.tracking(), ctx.links(), runId, key, args.longValue("from_step"),
                    args.longValue("to_step"), maxPoints));
        }
        int n = ctx.budget().fit(Obj.of().with("run_id", runId), series);
        boolean more = offset + n < keys.size();
        return Obj.of().with("run_id", runId).with("series", series.subList(0, n)).with("truncated", more)
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static Obj read(Tracking tracking, Links links, String runId, String key, Long from, Long to, int maxPoints) {
        MetricSummary s = tracking.metricSummary(runId, key);
        Obj o = Obj.of().with("key", key).with("summary", RunViews.summary(s));
        if (s.count() == 0) {
            return o.with("points", List.of()).with("downsampled", false);
        }
        int buckets = s.count() <= maxPoints ? maxPoints : Math.max(1, maxPoints / 4);
        MetricHistory h = tracking.history(runId, key, from, to, buckets);
        return o.with("points", points(h)).with("downsampled", h.downsampled()).with("from_step", h.fromStep())
                .with("to_step", h.toStep()).with("url", links.metric(runId, key));
    }

    /** The distinct points of the buckets (first, min, max, last of each) in step order. */
    static List<List<Object>> points(MetricHistory h) {
        List<List<Object>> out = new ArrayList<>();
        for (SeriesBucket b : h.buckets()) {
            TreeMap<Long, Double> pts = new TreeMap<>();
            pts.put(b.firstStep(), b.first());
            if (h.downsampled() && b.count() > 1) {
                if (!Double.isNaN(b.min())) {
                    pts.put(b.minStep(), b.min());
                    pts.put(b.maxStep(), b.max());
                }
                pts.put(b.lastStep(), b.last());
            }
            pts.forEach((step, v) -> out.add(List.of(step, Json.num6(v))));
        }
        return out;
    }
}
