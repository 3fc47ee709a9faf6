package dev.observatory.mcp.query;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.query.QuerySettings;
import dev.observatory.core.query.SqlQueries;
import dev.observatory.model.query.SqlResult;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** run_sql_query: one read-only SELECT, answered column-wise compact and bounded to the output budget. */
final class RunSqlQueryTool {
    private RunSqlQueryTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("sql", "One SELECT (or WITH ... SELECT) statement over the tables of describe_schema.")
                        .required().example("\"SELECT project, count(*) AS runs FROM runs GROUP BY project\""),
                Param.integer("max_rows",
                        "Most rows to return (1-" + QuerySettings.MAX_ROWS + ", default " + QuerySettings.DEFAULT_ROWS
                                + "; the server may allow fewer).")
                        .between(1, QuerySettings.MAX_ROWS),
                Param.number("timeout_seconds", "Cancel the query after this many seconds (default and maximum: the"
                        + " server's query_timeout_seconds).").between(0.001, 3600),
                PageCursor.param());
        Map<String, Object> column = Schemas.object("a result column").prop("name", string(null), true)
                .prop("type", string("database type"), true).build();
        Map<String, Object> anyValue = new LinkedHashMap<>();
        anyValue.put("description", "a value: string, number, boolean, null or array; timestamps as ISO-8601 UTC,"
                + " NaN and infinities as strings");
        Map<String, Object> out = Schemas.paged(Schemas.object("the query result, column-wise compact")
                .prop("columns", array(column, "in select-list order"), true)
                .prop("rows", array(array(anyValue, "one value per column"), "the rows of this page"), true)
                .prop("row_count", integer("rows in this page"), true)
                .prop("offset", integer("index of this page's first row among the query's rows"), true)
                .prop("more_rows", Schemas.bool("true when the query had more rows than max_rows"), true)
                .prop("elapsed_ms", integer("time the database took"), true)
                .prop("hint", string("what to do when the answer was cut"))).build();
        return new ToolDef("run_sql_query", QueryTools.TOOLSET, "Run a read-only SQL query",
                "Run one read-only SQL SELECT over the tracking tables (call describe_schema first for tables,"
                        + " columns and examples) and get the result as columns + rows. Only one SELECT or WITH ..."
                        + " SELECT; writes, SET/PRAGMA, ATTACH, INSTALL/LOAD, COPY, CALL and file functions such as"
                        + " read_csv are refused with the reason. Rows are limited (max_rows, default "
                        + QuerySettings.DEFAULT_ROWS + ") and the query is cancelled at its time limit; prefer"
                        + " aggregates (GROUP BY) and LIMIT over reading raw points.",
                in, out, Hints.READ_ONLY, RunSqlQueryTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        Integer maxRows = args.has("max_rows") ? args.intValue("max_rows") : null;
        SqlResult r = new SqlQueries(ctx.tracking()).run(args.string("sql"), maxRows, args.number("timeout_seconds"));
        long offset = PageCursor.offset(args, ctx);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : r.rows().subList((int) Math.min(offset, r.rows().size()), r.rows().size())) {
            rows.add(row.stream().map(RunSqlQueryTool::readable).toList());
        }
        Obj base = Obj.of().with("columns",
                r.columns().stream().map(c -> Obj.of().with("name", c.name()).with("type", c.type())).toList());
        int n = ctx.budget().fit(base, rows);
        boolean cut = n < rows.size();
        String hint = cut
                ? "the rows did not fit the output budget: continue with next_cursor, or select fewer"
                        + " columns / aggregate"
                : r.truncated()
                        ? "the query has more than " + r.rows().size() + " rows: aggregate, filter or add"
                                + " LIMIT, or raise max_rows"
                        : null;
        return base.with("rows", rows.subList(0, n)).with("row_count", n).with("offset", offset)
                .with("more_rows", r.truncated()).with("elapsed_ms", r.elapsedMillis()).with("hint", hint)
                .with("truncated", cut || r.truncated())
                .with("next_cursor", cut ? PageCursor.at(offset + n, args, ctx) : null);
    }

    /** A value as JSON can carry it: instants and dates as ISO-8601, NaN and infinities as strings. */
    static Object readable(Object v) {
        if (v instanceof Instant || v instanceof java.time.LocalDate) {
            return v.toString();
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RunSqlQueryTool::readable).toList();
        }
        return v;
    }
}
