package dev.observatory.mcp.registry;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.registry.Registry;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** promote_version: points an alias at a version and/or moves it to a stage ("mark as release"). */
final class PromoteVersionTool {
    private PromoteVersionTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(RegistryArgs.model(), RegistryArgs.version(),
                Param.string("alias",
                        "Alias to point at this version, e.g. champion or staging; it moves here from"
                                + " any other version of the model.")
                        .between(1, 255).example("\"champion\""),
                RegistryArgs.stage("Stage to move the version to (MLflow stages)."),
                Param.bool("archive_existing", "With stage Staging or Production: move the model's other versions"
                        + " in that stage to Archived.").defaultsTo(false));
        Map<String, Object> out = Schemas.object("the version after the promotion")
                .prop("version", RegistryViews.VERSION_SCHEMA, true)
                .prop("changes", array(string(null), "what changed, one line each"), true)
                .prop("archived_versions", array(integer(null), "versions moved to Archived")).build();
        return new ToolDef("promote_version", Toolsets.REGISTRY, "Promote a model version",
                "Mark a model version as a release: point an alias such as champion at it (moving the alias from"
                        + " the version that had it) and/or move it to a stage (None, Staging, Production, Archived),"
                        + " optionally archiving the versions that held that stage. Give alias, stage or both."
                        + " Check it first with get_version or compare_versions.",
                in, out, ModelTools.IDEMPOTENT_WRITE, PromoteVersionTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        String alias = args.string("alias");
        Stage stage = RegistryArgs.stage(args);
        if (alias == null && stage == null) {
            throw new IllegalArgumentException(
                    "nothing to promote: give alias (e.g. \"champion\"), stage (e.g." + " \"Production\") or both");
        }
        if (args.bool("archive_existing") && stage == null) {
            throw new IllegalArgumentException("archive_existing needs a stage (Staging or Production)");
        }
        Registry registry = RegistryArgs.registry(ctx);
        String model = args.string("model");
        int number = RegistryArgs.version(args, "version");
        ModelVersion before = registry.getVersion(model, number);
        List<String> changes = new ArrayList<>();
        List<Integer> archived = new ArrayList<>();
        ModelVersion after = before;
        if (stage != null) {
            if (args.bool("archive_existing")) {
                registry.findVersions(
                        new VersionQuery(NameFilter.equalTo(model), null, Set.of(stage), null, Registry.MAX_PAGE, 0))
                        .stream().filter(v -> v.version() != number).forEach(v -> archived.add(v.version()));
            }
            after = registry.transitionStage(ctx.actor(), model, number, stage, args.bool("archive_existing"));
            changes.add("stage " + before.stage().wire() + " -> " + stage.wire());
        }
        if (alias != null) {
            RegisteredModel m = registry.getModel(model);
            Integer previous = m.aliases().get(alias);
            after = registry.setAlias(ctx.actor(), model, alias, number);
            changes.add("alias " + alias + (previous == null ? " set"
                    : previous == number ? " unchanged" : " moved from version " + previous));
        }
        return Obj.of().with("version", RegistryViews.version(after)).with("changes", changes).with("archived_versions",
                archived.isEmpty() ? null : archived);
    }
}
