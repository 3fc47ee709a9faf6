package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** get_run: one run with params, tags, metric summaries and log size. */
final class GetRunTool {
    private GetRunTool() {
    }

    static Param runId() {
        return Param.string("run_id", "Run id, as listed by list_runs or search.").required().between(1, 100)
                .example("\"3f9a1c2b7d4e5f60\"");
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(runId());
        Map<String, Object> out = Schemas.object("the run and a summary of everything it logged")
                .prop("run", RunViews.DETAIL_SCHEMA, true)
                .prop("metrics", array(RunViews.SUMMARY_SCHEMA, "summary of each metric series (system/* last)"), true)
                .prop("metric_count", integer("number of metric keys the run has"), true)
                .prop("log_lines", integer("number of log lines the run printed (get_run_logs reads them)"), true)
                .prop("truncated", bool("true when not every metric summary fit; list_metrics lists every key"), true)
                .prop("logs_url", string("link to the run's logs in the web UI")).build();
        return new ToolDef("get_run", Toolsets.CORE, "Get run",
                "Get one run by id: status, timing, user, tags, params (the full config), notes, git commit, host, a"
                        + " summary of every metric (first/last/min/max with their steps, NaN count) and how many log"
                        + " lines it printed. Use it to understand a run before looking at curves (get_run_metrics)"
                        + " or logs (get_run_logs).",
                in, out, Hints.READ_ONLY, GetRunTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        String id = args.string("run_id");
        Run run = ctx.tracking().getRun(id);
        List<Obj> metrics = ctx.tracking().metricSummaries(id).stream().sorted(Comparator
                .comparing((MetricSummary s) -> s.key().startsWith("system/")).thenComparing(MetricSummary::key))
                .map(RunViews::summary).toList();
        long lines = ctx.tracking().store().logs().lineCount(id);
        Obj base = Obj.of().with("run", RunViews.detail(run, ctx.tracking().clock().instant(), ctx.links()))
                .with("metric_count", metrics.size()).with("log_lines", lines)
                .with("logs_url", ctx.links().runLogs(id));
        int n = ctx.budget().fit(base, metrics);
        return Obj.of().with("run", base.get("run")).with("metrics", metrics.subList(0, n))
                .with("metric_count", metrics.size()).with("log_lines", lines).with("truncated", n < metrics.size())
                .with("logs_url", base.get("logs_url"));
    }
}
