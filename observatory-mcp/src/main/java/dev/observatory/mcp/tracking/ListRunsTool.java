package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;

import dev.observatory.core.Cursors;
import dev.observatory.core.InvalidCursorException;
import dev.observatory.core.RunListRequest;
import dev.observatory.core.RunPage;
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
import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** list_runs: the runs table with filters, sort, metric columns and paging. */
final class ListRunsTool {
    private static final Pattern FILTER = Pattern.compile("^\\s*(.+?)\\s*(<=|>=|!=|==|<|>|=)\\s*(\\S+)\\s*$");
    private static final List<String> STATUSES = List.of("queued", "running", "finished", "failed", "killed",
            "crashed");

    private ListRunsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("project", "Only runs of this project (see list_projects).").example("\"llm-pretrain\""),
                Param.strings("status", "Only runs whose status is one of these.").oneOf(STATUSES)
                        .example("[\"running\"]"),
                Param.strings("tags", "Only runs having every one of these tags.").example("[\"baseline\"]"),
                Param.scalarMap("params", "Only runs whose top-level param equals the value, e.g. {\"lr\": 0.001}.")
                        .example("{\"optimizer\": \"adamw\"}"),
                Param.strings("metric_filters",
                        "Thresholds on the last value of a metric, each KEY OP NUMBER with OP"
                                + " one of < <= > >= = !=, e.g. \"loss<0.5\" or \"val/acc>=0.9\". All must hold.")
                        .between(0, 20).example("[\"loss<0.5\"]"),
                Param.string("name_contains", "Only runs whose name contains this text (case-insensitive).").between(1,
                        200),
                Param.string("sort",
                        "Sort key: created_at, started_at, ended_at, name, status, or metric:<key> for"
                                + " the last value of a metric (runs without it sort last).")
                        .matching("created_at|started_at|ended_at|name|status|metric:.+").defaultsTo("created_at")
                        .example("\"metric:val/loss\""),
                Param.string("order", "Sort direction.").oneOf(List.of("asc", "desc")).defaultsTo("desc"), Param
                        .strings("metrics",
                                "Metric keys whose last value to show in each row (the sort and filter"
                                        + " metrics are always shown).")
                        .between(0, 20).example("[\"loss\", \"val/acc\"]"),
                Param.integer("limit", "Most runs to return (1-200).").between(1, 200).defaultsTo(50),
                PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("a page of runs")
                .prop("runs", array(RunViews.ROW_SCHEMA, "runs of this page, in sort order"), true)
                .prop("total", integer("runs matching the filters"), true)).build();
        return new ToolDef("list_runs", Toolsets.CORE, "List runs",
                "List runs as a table: filter by project, status, tags, params, metric thresholds and name; sort by"
                        + " an attribute or by the last value of a metric; show the last values of chosen metrics. Use"
                        + " it to find runs (\"best val/loss in project X\", \"which runs are still running\", \"runs"
                        + " with lr=0.001\"); then call get_run or get_run_metrics with a run id from the answer.",
                in, out, Hints.READ_ONLY, ListRunsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        List<RunQuery.MetricFilter> filters = args.strings("metric_filters").stream().map(ListRunsTool::filter)
                .toList();
        String sort = args.string("sort");
        Set<String> keys = new LinkedHashSet<>(args.strings("metrics"));
        if (sort.startsWith("metric:")) {
            keys.add(sort.substring("metric:".length()));
        }
        filters.forEach(f -> keys.add(f.key()));
        Set<RunStatus> statuses = args.strings("status").stream().map(RunStatus::parse).collect(Collectors.toSet());
        int limit = args.intValue("limit");
        RunQuery q = new RunQuery(args.string("project"), statuses, args.strings("tags"), args.scalarMap("params"),
                filters, args.string("name_contains"), sort, args.string("order").equals("desc"), limit, 0);

        String cursor = args.string("cursor");
        String coreCursor = null;
        long skip = 0;
        if (cursor != null) {
            int dot = cursor.indexOf('.');
            if (dot < 0) {
                throw new InvalidCursorException("not a cursor this server issued");
            }
            skip = Cursors.decode(cursor.substring(0, dot), args.fingerprint("cursor"), ctx.nowEpochSeconds());
            coreCursor = dot == cursor.length() - 1 ? null : cursor.substring(dot + 1);
            if (skip >= 1000 - limit) {
                throw new InvalidCursorException("not a cursor this server issued");
            }
        }
        List<String> keyList = List.copyOf(keys);
        RunPage page = ctx.tracking().listRuns(new RunListRequest(q, keyList, coreCursor, limit + (int) skip));
        List<Obj> rows = page.rows().stream().skip(skip)
                .map(r -> RunViews.row(r.run(), r.metrics(), keyList, ctx.links())).toList();
        int n = ctx.budget().fit(Obj.of().with("total", page.total()), rows);
        String next = null;
        if (n < rows.size()) {
            next = PageCursor.at(skip + n, args, ctx) + "." + (coreCursor == null ? "" : coreCursor);
        } else if (page.nextCursor() != null) {
            next = PageCursor.at(0, args, ctx) + "." + page.nextCursor();
        }
        return Obj.of().with("runs", rows.subList(0, n)).with("total", page.total()).with("truncated", n < rows.size())
                .with("next_cursor", next);
    }

    /** Parses "loss<0.5" into a metric filter; the message says how to write one. */
    static RunQuery.MetricFilter filter(String text) {
        Matcher m = FILTER.matcher(text);
        if (m.matches()) {
            try {
                String op = m.group(2).equals("==") ? "=" : m.group(2);
                return new RunQuery.MetricFilter(m.group(1), op, Double.parseDouble(m.group(3)));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("metric_filters entry '" + text + "' is not KEY OP NUMBER: write e.g."
                + " \"loss<0.5\" or \"val/acc>=0.9\" (OP is one of < <= > >= = !=)");
    }
}
