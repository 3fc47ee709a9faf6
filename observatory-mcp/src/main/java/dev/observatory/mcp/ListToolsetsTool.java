package dev.observatory.mcp;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** list_toolsets: which toolsets exist, which are enabled here and how to enable more. */
final class ListToolsetsTool {
    private ListToolsetsTool() {
    }

    static ToolDef definition() {
        Map<String, Object> out = Schemas
                .object("the toolsets of this server").prop(
                        "toolsets", array(
                                Schemas.object("one toolset").prop("name", string(null), true)
                                        .prop("description", string(null), true)
                                        .prop("enabled", bool("whether its tools are available on this connection"),
                                                true)
                                        .prop("tool_count", integer(null), true)
                                        .prop("tools", array(string(null), "names of its tools"), true).build(),
                                "every toolset"),
                        true)
                .prop("enabled", array(string(null), "toolsets enabled on this connection"), true)
                .prop("how_to_enable", string(null), true).build();
        return new ToolDef("list_toolsets", Toolsets.CORE, "List toolsets",
                "List the toolsets of this Observatory server (core, runs, analysis, artifacts, jobs, datasets,"
                        + " registry, deploy, release, traces, ops, query, admin), whether each is enabled on this"
                        + " connection, and its tools. Use it when a capability you need is not among your tools: it"
                        + " tells you which toolset has it and how to enable it.",
                InputSchema.of(), out, Hints.READ_ONLY, ListToolsetsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        List<Obj> sets = Toolsets.names().stream().map(ts -> {
            List<String> tools = ctx.catalog().stream().filter(t -> t.in(ts))
                    .filter(t -> !ctx.tracking().readOnly() || t.hints().readOnly()).map(ToolDef::name).toList();
            return Obj.of().with("name", ts).with("description", Toolsets.description(ts))
                    .with("enabled", ctx.toolsets().contains(ts)).with("tool_count", tools.size()).with("tools", tools);
        }).toList();
        return Obj.of().with("toolsets", sets).with("enabled", List.copyOf(ctx.toolsets())).with("how_to_enable",
                "Start the server with --toolsets=core,runs (or OBSERVATORY_TOOLSETS), or connect over HTTP to"
                        + " /mcp?toolsets=core,runs; 'all' enables every toolset.");
    }
}
