package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.SearchHit;
import dev.observatory.core.deploy.ServingSearch;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** search: one text search over the names, descriptions and tags of every entity. */
final class SearchTool {
    private SearchTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("query", "Text to look for (case-insensitive substring).").required().between(1, 200)
                        .example("\"baseline\""),
                Param.strings("kinds", "Only these kinds of entity.")
                        .oneOf(List.of("project", "run", "model", "version", "deployment", "build", "benchmark",
                                "config"))
                        .example("[\"run\"]"),
                Param.integer("limit", "Most hits to return (1-100).").between(1, 100).defaultsTo(20),
                PageCursor.param());
        Map<String, Object> out = Schemas
                .paged(Schemas
                        .object("search hits: projects, newest runs, then models, versions, deployments, builds,"
                                + " benchmarks and release configs")
                        .prop("hits", array(Schemas.object("one hit")
                                .prop("kind", string(
                                        "project, run, model, version, deployment, build, benchmark or config"), true)
                                .prop("id",
                                        string("the key to pass to the matching get tool (get_run run_id, list_runs"
                                                + " project, get_model, get_version version_id, get_deployment,"
                                                + " get_docker_build, get_benchmark, get_release_config machine)"),
                                        true)
                                .prop("name", string(null), true).prop("project", string(null))
                                .prop("matched", string("which field matched: name, description or tag"))
                                .prop("url", string("link to the web UI")).build(), "hits of this page"), true))
                .build();
        return new ToolDef("search", Toolsets.CORE, "Search",
                "Search every entity (projects, runs, registered models and versions, deployments, builds,"
                        + " benchmarks and release configs) by a text contained in its name, description, tags, id,"
                        + " template or machine. Use it when you have a name or a word but no"
                        + " id, e.g. \"the baseline run\" or \"resnet\"; then use the id with the matching get tool.",
                in, out, Hints.READ_ONLY, SearchTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        int limit = args.intValue("limit");
        int offset = (int) PageCursor.offset(args, ctx);
        List<String> kinds = args.strings("kinds");
        int want = Math.min(10_000, offset + limit + 1);
        List<SearchHit> hits = new java.util.ArrayList<>(ctx.tracking().search(args.string("query"), want).stream()
                .filter(h -> kinds.isEmpty() || kinds.contains(h.kind())).toList());
        List<String> serving = kinds.stream().filter(ServingSearch.KINDS::contains).toList();
        if (hits.size() < want && (kinds.isEmpty() || !serving.isEmpty())) {
            hits.addAll(ServingSearch.search(ctx.tracking(), args.string("query"), serving, want - hits.size()));
        }
        List<Obj> page = hits.stream().skip(offset).limit(limit).map(h -> hit(h, ctx.links())).toList();
        int n = ctx.budget().fit(Obj.of(), page);
        boolean more = offset + n < hits.size();
        return Obj.of().with("hits", page.subList(0, n)).with("truncated", n < page.size()).with("next_cursor",
                more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static Obj hit(SearchHit h, Links links) {
        String url = h.kind().equals("run") ? links.run(h.id())
                : h.kind().equals("project") ? links.project(h.id()) : null;
        return Obj.of().with("kind", h.kind()).with("id", h.id()).with("name", h.name()).with("project", h.project())
                .with("matched", h.matched()).with("url", url);
    }
}
