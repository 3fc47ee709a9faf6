package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.metricValue;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.ArgumentException;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** list_metrics: the metric keys of a run, or of a project with how many runs have each. */
final class ListMetricsTool {
    private ListMetricsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("run_id", "List the keys of this run (give run_id or project, not both).").between(1, 100)
                        .example("\"3f9a1c2b7d4e5f60\""),
                Param.string("project", "List the keys logged by any run of this project, with run counts.")
                        .example("\"llm-pretrain\""),
                Param.string("prefix", "Only keys starting with this text, e.g. \"val/\" or \"system/\"."),
                Param.integer("limit", "Most keys to return (1-1000).").between(1, 1000).defaultsTo(200),
                PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("metric keys, ordered by key")
                .prop("run_id", string("set when listing a run")).prop("project", string("set when listing a project"))
                .prop("metrics",
                        array(Schemas.object("one metric key").prop("key", string(null), true)
                                .prop("count", integer("points logged (run listing)"))
                                .prop("last", metricValue("last value (run listing)"))
                                .prop("last_step", integer("step of the last value (run listing)"))
                                .prop("runs", integer("runs of the project having this key (project listing)")).build(),
                                "keys of this page"),
                        true)
                .prop("total", integer("keys matching the prefix"), true)).build();
        return new ToolDef("list_metrics", Toolsets.CORE, "List metric keys",
                "List the metric keys available for a run (with point count and last value) or for a project (with"
                        + " the number of runs that logged each key). Use it to learn exact key names before calling"
                        + " get_run_metrics, or list_runs with sort=metric:<key>. System metrics live under system/.",
                in, out, Hints.READ_ONLY, ListMetricsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        String runId = args.string("run_id");
        String project = args.string("project");
        if ((runId == null) == (project == null)) {
            throw new ArgumentException("give exactly one of 'run_id' or 'project', e.g. {\"run_id\": \"3f9a1c2b\"}"
                    + " or {\"project\": \"llm-pretrain\"}");
        }
        String prefix = args.string("prefix") == null ? "" : args.string("prefix");
        List<Obj> rows = runId != null
                ? ctx.tracking().metricSummaries(runId).stream().filter(s -> s.key().startsWith(prefix))
                        .map(s -> Obj.of().with("key", s.key()).with("count", s.count())
                                .with("last", s.count() == 0 ? null : Json.num(s.last()))
                                .with("last_step", s.count() == 0 ? null : s.lastStep()))
                        .toList()
                : ctx.tracking().projectMetricKeys(project).entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix))
                        .map(e -> Obj.of().with("key", e.getKey()).with("runs", e.getValue())).toList();
        int offset = (int) Math.min(PageCursor.offset(args, ctx), rows.size());
        List<Obj> page = rows.subList(offset, Math.min(rows.size(), offset + args.intValue("limit")));
        Obj base = Obj.of().with("run_id", runId).with("project", project).with("total", rows.size());
        int n = ctx.budget().fit(base, page);
        boolean more = offset + n < rows.size();
        return base.with("metrics", page.subList(0, n)).with("truncated", n < page.size()).with("next_cursor",
                more ? PageCursor.at(offset + n, args, ctx) : null);
    }
}
