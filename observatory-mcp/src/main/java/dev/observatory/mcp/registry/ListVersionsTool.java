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
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionQuery;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** list_versions: versions of a model (or of every model), filtered by stage, run and tags, newest first. */
final class ListVersionsTool {
    private ListVersionsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("model", "Registered model name; omit to list versions of every model (e.g. with run_id).")
                        .between(1, 256).example("\"resnet-50\""),
                Param.strings("stages", "Only versions in one of these stages.").oneOf(RegistryViews.STAGES)
                        .between(1, 4).example("[\"Production\", \"Staging\"]"),
                Param.string("run_id", "Only versions produced by this run (lineage: which models came from a run).")
                        .between(1, 100).example("\"3f9a1c2b7d4e5f60\""),
                RegistryArgs.tags("tags", "Only versions having every one of these tags with exactly these values."),
                Param.integer("limit", "Most versions to return (1-200).").between(1, 200).defaultsTo(50),
                PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("a page of model versions")
                .prop("versions", array(RegistryViews.VERSION_SCHEMA, "by model name, newest version first"), true)
                .prop("total", integer("versions matching the filters"), true)).build();
        return new ToolDef("list_versions", Toolsets.REGISTRY, "List model versions",
                "List versions of a registered model, newest first, with stage, aliases, status, source URI and the"
                        + " run that produced each; filter by stage, run or tags. Without model it lists across every"
                        + " model, e.g. run_id=<id> answers \"which model versions came from this run\". get_version"
                        + " shows one version with its metrics snapshot.",
                in, out, Hints.READ_ONLY, ListVersionsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        Registry registry = RegistryArgs.registry(ctx);
        String model = args.string("model");
        if (model != null) {
            registry.getModel(model);
        }
        Set<Stage> stages = Set.copyOf(args.strings("stages").stream().map(Stage::parse).toList());
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        VersionQuery q = new VersionQuery(model == null ? null : NameFilter.equalTo(model), args.string("run_id"),
                stages, args.scalarMap("tags"), limit, offset);
        List<ModelVersion> page = registry.findVersions(q.page(limit + 1, offset));
        long total = registry.countVersions(q);
        List<Obj> rows = page.stream().limit(limit).map(RegistryViews::versionRow).toList();
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || page.size() > limit;
        return Obj.of().with("versions", rows.subList(0, n)).with("total", total).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }
}
