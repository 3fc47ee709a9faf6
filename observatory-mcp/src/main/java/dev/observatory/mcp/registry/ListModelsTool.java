package dev.observatory.mcp.registry;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;

import dev.observatory.core.registry.Registry;
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
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.RegisteredModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** list_models: registered models, searched by name and tags, paged. In the registry toolset and in core. */
final class ListModelsTool {
    private ListModelsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("search", "Only models whose name contains this text (case-insensitive).").between(1, 256)
                        .example("\"llama\""),
                Param.string("name_like",
                        "Only models whose name matches this SQL LIKE pattern (% any text, _ one character,"
                                + " case-sensitive), e.g. \"llama-3%\".")
                        .between(1, 256).example("\"llama-3%\""),
                RegistryArgs.tags("tags", "Only models having every one of these tags with exactly these values."),
                Param.string("sort", "Sort key: name, updated (last change) or created.")
                        .oneOf(List.of("name", "updated", "created")).defaultsTo("name"),
                Param.string("order", "Sort direction.").oneOf(List.of("asc", "desc")).defaultsTo("asc"),
                Param.integer("limit", "Most models to return (1-200).").between(1, 200).defaultsTo(50),
                PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("a page of registered models")
                .prop("models", array(RegistryViews.MODEL_SCHEMA, "models of this page, in sort order"), true)
                .prop("total", integer("models matching the filters"), true)).build();
        return new ToolDef("list_models", Toolsets.REGISTRY, "List registered models",
                "List the models of the model registry with their description, tags, owner and aliases (alias ->"
                        + " version, e.g. champion -> 3). Search by a piece of the name, a LIKE pattern or tags; sort"
                        + " by name or last change. Use it to find a model's exact name; then get_model,"
                        + " list_versions or get_latest_version with model=<name>.",
                in, out, Hints.READ_ONLY, ListModelsTool::handle).listedAlsoIn(Toolsets.CORE);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        if (args.has("search") && args.has("name_like")) {
            throw new IllegalArgumentException("give either 'search' or 'name_like', not both");
        }
        NameFilter name = args.has("search") ? NameFilter.containing(args.string("search"))
                : args.has("name_like") ? NameFilter.like(args.string("name_like")) : null;
        ModelQuery.Sort sort = ModelQuery.Sort.valueOf(args.string("sort").toUpperCase(Locale.ROOT));
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        ModelQuery q = new ModelQuery(name, args.scalarMap("tags"), sort, args.string("order").equals("desc"), limit,
                offset);
        Registry registry = RegistryArgs.registry(ctx);
        List<RegisteredModel> page = registry.findModels(q.page(limit + 1, offset));
        long total = registry.countModels(q);
        List<Obj> rows = page.stream().limit(limit).map(RegistryViews::model).toList();
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || page.size() > limit;
        return Obj.of().with("models", rows.subList(0, n)).with("total", total).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }
}
