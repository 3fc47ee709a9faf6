package dev.observatory.mcp.query;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.query.SchemaDescription;
import dev.observatory.core.query.SqlQueries;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** describe_schema: the tables a SQL query may read, with columns, types, meanings, examples and limits. */
final class DescribeSchemaTool {
    private DescribeSchemaTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(Param.strings("tables", "Only these tables (default: every queryable table).")
                .between(0, 50).example("[\"runs\", \"series\"]"), PageCursor.param());
        Map<String, Object> column = Schemas.object("one column").prop("name", string(null), true)
                .prop("type", string("database type"), true).prop("meaning", string("empty when not documented"))
                .build();
        Map<String, Object> table = Schemas.object("one queryable table").prop("name", string(null), true)
                .prop("meaning", string(null)).prop("columns", array(column, "in catalog order"), true).build();
        Map<String, Object> example = Schemas.object("an example query").prop("question", string(null), true)
                .prop("sql", string("runs on this backend"), true).build();
        Map<String, Object> limits = Schemas.object("limits of run_sql_query")
                .prop("default_max_rows", integer(null), true).prop("max_rows", integer(null), true)
                .prop("timeout_seconds", number(null), true).build();
        Map<String, Object> out = Schemas.paged(
                Schemas.object("the SQL schema").prop("backend", string("duckdb or postgres: the SQL dialect"), true)
                        .prop("sandbox", string("how queries are confined"), true).prop("limits", limits, true)
                        .prop("rules", array(string(null), "what a query may do"), true)
                        .prop("tables", array(table, "by name"), true)
                        .prop("examples", array(example, "5-10 queries that run here"), true))
                .build();
        return new ToolDef("describe_schema", QueryTools.TOOLSET, "Describe the SQL schema",
                "The tracking tables a read-only SQL query may read (runs, params, tags, metric series and points,"
                        + " logs, artifacts and checkpoints, lineage, spans, jobs, datasets, registry, benchmarks),"
                        + " with columns, types and meanings, 5-10 example queries for this backend's dialect, the"
                        + " rules and the row/time limits. Call it before writing SQL for run_sql_query.",
                in, out, Hints.READ_ONLY, DescribeSchemaTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        SchemaDescription d = new SqlQueries(ctx.tracking()).describe();
        Set<String> wanted = args.strings("tables").stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<SchemaDescription.Table> tables = d.tables().stream()
                .filter(t -> wanted.isEmpty() || wanted.contains(t.name())).toList();
        if (!wanted.isEmpty() && tables.size() < wanted.size()) {
            Set<String> known = d.tables().stream().map(SchemaDescription.Table::name).collect(Collectors.toSet());
            throw new IllegalArgumentException("not queryable: "
                    + wanted.stream().filter(w -> !known.contains(w)).sorted().collect(Collectors.joining(", "))
                    + "; queryable tables are " + String.join(", ", known.stream().sorted().toList()));
        }
        List<Obj> rows = tables.stream().map(DescribeSchemaTool::table).toList();
        Obj base = Obj.of().with("backend", d.backend()).with("sandbox", d.sandbox())
                .with("limits",
                        Obj.of().with("default_max_rows", d.defaultMaxRows()).with("max_rows", d.maxRows())
                                .with("timeout_seconds", d.timeoutMillis() / 1000.0))
                .with("rules", d.rules()).with("examples", d.examples().stream()
                        .map(e -> Obj.of().with("question", e.question()).with("sql", e.sql())).toList());
        long offset = PageCursor.offset(args, ctx);
        List<Obj> page = rows.subList((int) Math.min(offset, rows.size()), rows.size());
        int n = ctx.budget().fit(base, page);
        boolean more = offset + n < rows.size();
        return base.with("tables", page.subList(0, n)).with("truncated", more).with("next_cursor",
                more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    private static Obj table(SchemaDescription.Table t) {
        return Obj
                .of().with("name",
                        t.name())
                .with("meaning", t.meaning()
                        .isEmpty() ? null
                                : t.meaning())
                .with("columns", t.columns().stream().map(c -> Obj.of().with("name", c.name()).with("type", c.type())
                        .with("meaning", c.meaning().isEmpty() ? null : c.meaning())).toList());
    }
}
