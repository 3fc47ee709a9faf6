package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.ProjectInfo;
import dev.observatory.mcp.Toolsets;
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

/** list_projects: every project with its run count. */
final class ListProjectsTool {
    private ListProjectsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.integer("limit", "Most projects to return (1-500).").between(1, 500).defaultsTo(100),
                PageCursor.param());
        Map<String, Object> out = Schemas
                .paged(Schemas
                        .object("projects, ordered by name").prop(
                                "projects", array(
                                        Schemas.object("a project")
                                                .prop("name", string("project name; pass as project to list_runs"),
                                                        true)
                                                .prop("description", string(null))
                                                .prop("run_count", integer("runs in the project"), true)
                                                .prop("created_at", string("ISO-8601"))
                                                .prop("url", string("link to the web UI")).build(),
                                        "projects of this page"),
                                true)
                        .prop("total", integer("number of projects"), true))
                .build();
        return new ToolDef("list_projects", Toolsets.CORE, "List projects",
                "List every project (a named group of runs) with its description and number of runs. Use it first"
                        + " when you do not know which projects exist or how a project is spelled; then call list_runs"
                        + " with project=<name>.",
                in, out, Hints.READ_ONLY, ListProjectsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        List<ProjectInfo> all = ctx.tracking().listProjects();
        int offset = (int) Math.min(PageCursor.offset(args, ctx), all.size());
        int limit = args.intValue("limit");
        List<Obj> page = all.subList(offset, Math.min(all.size(), offset + limit)).stream()
                .map(p -> Obj.of().with("name", p.name()).with("description", p.description())
                        .with("run_count", p.runCount()).with("created_at", Json.time(p.createdAt()))
                        .with("url", ctx.links().project(p.name())))
                .toList();
        Obj base = Obj.of().with("total", all.size());
        int n = ctx.budget().fit(base, page);
        boolean more = offset + n < all.size();
        return Obj.of().with("projects", page.subList(0, n)).with("total", all.size())
                .with("truncated", n < page.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }
}
