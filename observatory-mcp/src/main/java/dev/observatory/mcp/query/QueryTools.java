package dev.observatory.mcp.query;

import dev.observatory.mcp.tool.ToolDef;
import java.util.List;

/** The {@code query} toolset: describe_schema, run_sql_query and generate_ai_query (read-only SQL). */
public final class QueryTools {
    /** The toolset's name. */
    public static final String TOOLSET = "query";

    private QueryTools() {
    }

    public static List<ToolDef> all() {
        return List.of(DescribeSchemaTool.definition(), RunSqlQueryTool.definition(), GenerateAiQueryTool.definition());
    }
}
