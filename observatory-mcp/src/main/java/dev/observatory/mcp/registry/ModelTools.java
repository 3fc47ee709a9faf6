package dev.observatory.mcp.registry;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;

import dev.observatory.core.registry.Registry;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.VersionQuery;
import java.util.List;
import java.util.Map;

/** get_model, create_model and update_model. */
final class ModelTools {
    /** Versions shown by get_model. */
    static final int RECENT_VERSIONS = 20;
    static final Hints WRITE = new Hints(false, false, false, false);
    static final Hints IDEMPOTENT_WRITE = new Hints(false, false, true, false);

    private ModelTools() {
    }

    static ToolDef getModel() {
        Map<String, Object> out = Schemas.object("the model, its newest versions and the latest version per stage")
                .prop("model", RegistryViews.MODEL_SCHEMA, true)
                .prop("versions", array(RegistryViews.VERSION_SCHEMA, "newest versions first (up to 20)"), true)
                .prop("version_count", integer("number of versions the model has"), true)
                .prop("latest_by_stage", mapOf(integer(null), "stage -> newest version number in it"))
                .prop("truncated", bool("true when not every version is shown; list_versions pages them"), true)
                .build();
        return new ToolDef("get_model", Toolsets.REGISTRY, "Get registered model",
                "Get one registered model by name: description, tags, owner, aliases, its newest versions (number,"
                        + " stage, aliases, source, run) and the latest version in each stage. Use it to see where a"
                        + " model stands before creating or promoting a version.",
                InputSchema.of(RegistryArgs.model()), out, Hints.READ_ONLY, ModelTools::get);
    }

    static Map<String, Object> get(Args args, ToolContext ctx) {
        Registry registry = RegistryArgs.registry(ctx);
        RegisteredModel m = registry.getModel(args.string("model"));
        VersionQuery q = VersionQuery.of(m.name(), RECENT_VERSIONS);
        List<Obj> versions = registry.findVersions(q).stream().map(RegistryViews::versionRow).toList();
        long count = registry.countVersions(q);
        Obj latest = Obj.of();
        for (ModelVersion v : registry.latestVersions(m.name(), List.of())) {
            latest.with(v.stage().wire(), v.version());
        }
        Obj base = Obj.of().with("model", RegistryViews.model(m)).with("version_count", count).with("latest_by_stage",
                latest);
        int n = ctx.budget().fit(base, versions);
        return Obj.of().with("model", base.get("model")).with("versions", versions.subList(0, n))
                .with("version_count", count).with("latest_by_stage", latest).with("truncated", n < count);
    }

    static ToolDef createModel() {
        InputSchema in = InputSchema.of(
                Param.string("name", "Name of the new model, unique in the registry (e.g. \"resnet-50\").").required()
                        .between(1, 256).example("\"resnet-50\""),
                Param.string("description", "What the model is for.").between(0, 5000),
                RegistryArgs.tags("tags", "Tags of the model, key -> value."));
        Map<String, Object> out = Schemas.object("the registered model").prop("model", RegistryViews.MODEL_SCHEMA, true)
                .build();
        return new ToolDef("create_model", Toolsets.REGISTRY, "Register a model",
                "Register a new model (a named line of versions) with a description and tags; you become its owner."
                        + " Fails when the name is taken. Then add versions with create_version.",
                in, out, WRITE,
                (args, ctx) -> Obj.of().with("model", RegistryViews.model(RegistryArgs.registry(ctx).createModel(
                        ctx.actor(),
                        new NewModel(args.string("name"), args.string("description"), args.scalarMap("tags"), null)))));
    }

    static ToolDef updateModel() {
        InputSchema in = InputSchema.of(RegistryArgs.model(),
                Param.string("description", "New description (an empty string clears it).").between(0, 5000),
                RegistryArgs.tags("set_tags", "Tags to add or overwrite, key -> value."),
                Param.strings("remove_tags", "Tag keys to remove.").between(0, 100).example("[\"wip\"]"),
                Param.string("new_name", "Rename the model; its versions and aliases follow.").between(1, 256)
                        .example("\"resnet-50-v2\""));
        Map<String, Object> out = Schemas.object("the model after the change")
                .prop("model", RegistryViews.MODEL_SCHEMA, true).build();
        return new ToolDef("update_model", Toolsets.REGISTRY, "Update a registered model",
                "Change a registered model: its description, tags (set and remove) and/or its name. Give at least"
                        + " one change. Versions, aliases and stages are changed with promote_version.",
                in, out, IDEMPOTENT_WRITE, ModelTools::update);
    }

    static Map<String, Object> update(Args args, ToolContext ctx) {
        boolean patch = args.has("description") || args.has("set_tags") || args.has("remove_tags");
        if (!patch && !args.has("new_name")) {
            throw new IllegalArgumentException(
                    "nothing to change: give description, set_tags, remove_tags or new_name");
        }
        Registry registry = RegistryArgs.registry(ctx);
        String name = args.string("model");
        RegisteredModel m = registry.getModel(name);
        if (patch) {
            m = registry.updateModel(ctx.actor(), name, new ModelPatch(args.string("description"),
                    args.scalarMap("set_tags"), args.strings("remove_tags")));
        }
        if (args.has("new_name")) {
            m = registry.renameModel(ctx.actor(), name, args.string("new_name"));
        }
        return Obj.of().with("model", RegistryViews.model(m));
    }
}
