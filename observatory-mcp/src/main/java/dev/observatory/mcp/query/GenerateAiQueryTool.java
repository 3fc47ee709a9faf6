package dev.observatory.mcp.query;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.query.GeneratedQuery;
import dev.observatory.core.query.SqlQueries;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/**
 * generate_ai_query: natural language to SQL, written by the client's model (MCP sampling), else by the configured
 * OpenAI-compatible endpoint, else left to the caller with the schema context and examples.
 */
final class GenerateAiQueryTool {
    private GenerateAiQueryTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(Param.string("question", "What you want to know, in plain words.").required()
                .between(3, 2000).example("\"Which 5 runs of project vision have the lowest final loss?\""));
        Map<String, Object> out = Schemas.object("generated SQL, or the context to write it")
                .prop("mode", modes(), true).prop("sql", string("the generated statement (absent in assistant mode)"))
                .prop("validated", Schemas.bool("the statement passed the checks and ran (1 row, short limit)"), true)
                .prop("validation_error", string("why it did not run"))
                .prop("columns", array(string(null), "result columns when it ran"))
                .prop("note", string("what happened and what to do next"), true)
                .prop("context", string("schema, rules, examples and the question: the prompt"), true).build();
        return new ToolDef("generate_ai_query", QueryTools.TOOLSET, "Generate SQL from a question",
                "Turn a question about runs, metrics, logs, artifacts, jobs or traces into one read-only SQL"
                        + " SELECT for run_sql_query. The SQL is written by the calling client's model through MCP"
                        + " sampling when the client supports it, else by the OpenAI-compatible endpoint configured"
                        + " on the server (ai_query_url); a generated statement is tried (one row) and reported as"
                        + " validated or not. With neither, mode is 'assistant': no SQL is generated and the answer"
                        + " carries the schema context and examples so you write the SQL yourself.",
                in, out, new Hints(true, false, false, true), GenerateAiQueryTool::handle);
    }

    private static Map<String, Object> modes() {
        Map<String, Object> s = string("who wrote the SQL; assistant: nobody here, write it yourself from context");
        s.put("enum", List.of("mcp_sampling", "openai_compatible", "assistant"));
        return s;
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        GeneratedQuery g = new SqlQueries(ctx.tracking()).generate(args.string("question"), ctx.clientModel());
        return Obj.of().with("mode", g.mode()).with("sql", g.sql()).with("validated", g.validated())
                .with("validation_error", g.validationError())
                .with("columns", g.columns().isEmpty() ? null : g.columns()).with("note", g.note())
                .with("context", g.context());
    }
}
