package dev.observatory.mcp.registry;

import static dev.observatory.mcp.tool.Schemas.string;

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
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModelVersion;
import java.util.Map;

/** get_version, get_latest_version and create_version. */
final class VersionTools {
    private VersionTools() {
    }

    static final Map<String, Object> DETAIL = Schemas.object("one model version with its lineage")
            .prop("version", RegistryViews.VERSION_SCHEMA, true).prop("run", RegistryViews.RUN_SCHEMA)
            .prop("resource", string("observatory:// URI of this version")).build();

    static ToolDef getVersion() {
        InputSchema in = InputSchema.of(
                Param.string("model", "Registered model name (with version or alias).").between(1, 256)
                        .example("\"resnet-50\""),
                Param.integer("version", "Version number.").between(1, Integer.MAX_VALUE).example("3"),
                Param.string("alias", "An alias of the model instead of a number, e.g. champion.").between(1, 255)
                        .example("\"champion\""),
                Param.string("version_id", "The version's id instead of model and number.").between(1, 100)
                        .example("\"9c1d2e3f4a5b6c7d\""));
        return new ToolDef("get_version", Toolsets.REGISTRY, "Get model version",
                "Get one model version: stage, aliases, status, source URI (checkpoint), description, tags, its"
                        + " metrics snapshot and the run it came from. Name it by model and version, by model and"
                        + " alias (e.g. champion), or by version_id.",
                in, DETAIL, Hints.READ_ONLY, VersionTools::get);
    }

    static Map<String, Object> get(Args args, ToolContext ctx) {
        Registry registry = RegistryArgs.registry(ctx);
        ModelVersion v;
        if (args.has("version_id")) {
            if (args.has("model") || args.has("version") || args.has("alias")) {
                throw new IllegalArgumentException("give either version_id alone, or model with version or alias");
            }
            v = registry.getVersionById(args.string("version_id"));
        } else if (!args.has("model") || args.has("version") == args.has("alias")) {
            throw new IllegalArgumentException("name the version: model with version (e.g. {\"model\": \"resnet-50\","
                    + " \"version\": 3}) or with alias (\"alias\": \"champion\"), or version_id");
        } else if (args.has("version")) {
            v = registry.getVersion(args.string("model"), RegistryArgs.version(args, "version"));
        } else {
            v = registry.getByAlias(args.string("model"), args.string("alias"));
        }
        return detail(registry, v, ctx);
    }

    static Obj detail(Registry registry, ModelVersion v, ToolContext ctx) {
        return Obj.of().with("version", RegistryViews.version(v))
                .with("run", registry.sourceRun(v).map(r -> RegistryViews.run(r, ctx.links())).orElse(null))
                .with("resource", "observatory://versions/" + v.id());
    }

    static ToolDef getLatestVersion() {
        InputSchema in = InputSchema.of(RegistryArgs.model(), RegistryArgs.stage(
                "Only consider versions in this stage, e.g. Production; omit for the newest" + " version overall."));
        return new ToolDef("get_latest_version", Toolsets.REGISTRY, "Get latest model version",
                "Get the newest version of a registered model (the highest number), or the newest one in a stage"
                        + " such as Production, with its metrics snapshot, source URI and run. Use it for \"what is"
                        + " the latest llama-3 version\" or \"what runs in production\".",
                in, DETAIL, Hints.READ_ONLY, (args, ctx) -> {
                    Registry registry = RegistryArgs.registry(ctx);
                    return detail(registry, registry.latestVersion(args.string("model"), RegistryArgs.stage(args)),
                            ctx);
                }).listedAlsoIn(Toolsets.CORE);
    }

    static ToolDef createVersion() {
        InputSchema in = InputSchema.of(
                RegistryArgs.model(), Param
                        .string("source",
                                "Where the weights are: a checkpoint or artifact URI, e.g."
                                        + " \"s3://bucket/ckpt/step-9000\" or \"runs:/<run id>/model\".")
                        .between(1, 4096).example("\"s3://ckpt/resnet/step-9000\""),
                Param.string("run_id",
                        "The run that produced it (lineage); its last metric values become the"
                                + " metrics snapshot unless metrics is given.")
                        .between(1, 100).example("\"3f9a1c2b7d4e5f60\""),
                Param.string("description", "What changed in this version.").between(0, 5000),
                RegistryArgs.tags("tags", "Tags of the version, key -> value."),
                Param.scalarMap("metrics",
                        "Metrics snapshot to record instead of the run's last values, key ->" + " number.")
                        .example("{\"val/acc\": 0.91}"));
        return new ToolDef("create_version", Toolsets.REGISTRY, "Create a model version",
                "Register a new version of a model (numbered 1, 2, ... automatically) from a run and/or a"
                        + " checkpoint URI, with a description and tags; the run's last metric values are kept as"
                        + " its metrics snapshot. The model must exist (create_model). Then promote_version sets an"
                        + " alias or stage.",
                in, DETAIL, ModelTools.WRITE, VersionTools::create);
    }

    static Map<String, Object> create(Args args, ToolContext ctx) {
        if (!args.has("source") && !args.has("run_id")) {
            throw new IllegalArgumentException(
                    "give source (a checkpoint URI) or run_id (the run that produced the" + " weights), or both");
        }
        Registry registry = RegistryArgs.registry(ctx);
        ModelVersion v = registry.createVersion(ctx.actor(),
                new NewModelVersion(args.string("model"), args.string("source"), args.string("run_id"),
                        args.string("description"), args.scalarMap("tags"), null, null, null,
                        RegistryArgs.numbers("metrics", args.scalarMap("metrics"))));
        return detail(registry, v, ctx);
    }
}
