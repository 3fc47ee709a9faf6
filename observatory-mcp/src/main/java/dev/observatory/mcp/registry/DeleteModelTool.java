package dev.observatory.mcp.registry;

import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.ReadOnlyException;
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
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.VersionQuery;
import java.util.Map;

/**
 * delete_model: removes a model with all its versions and aliases. Destructive, so it runs only with an explicit
 * {@code confirm: true}; without it the answer is an error saying what would be deleted.
 */
final class DeleteModelTool {
    private DeleteModelTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(RegistryArgs.model(), Param.bool("confirm",
                "Must be true to delete: ask the user first. Without it nothing is deleted and the answer says what"
                        + " would be.")
                .defaultsTo(false));
        Map<String, Object> out = Schemas.object("what was deleted").prop("deleted", bool(null), true)
                .prop("model", string("name of the deleted model"), true)
                .prop("versions_deleted", integer("versions removed with it"), true).build();
        return new ToolDef("delete_model", Toolsets.REGISTRY, "Delete a registered model",
                "Delete a registered model together with all of its versions, tags and aliases; runs are not"
                        + " touched. This cannot be undone: confirm with the user, then call with confirm=true (a"
                        + " client that supports elicitation is asked to confirm by the server instead)."
                        + " Prefer archiving a version (promote_version stage=Archived) when unsure.",
                in, out, new Hints(false, true, true, false), DeleteModelTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        if (ctx.tracking().readOnly()) {
            throw new ReadOnlyException("model.delete");
        }
        Registry registry = RegistryArgs.registry(ctx);
        RegisteredModel m = registry.getModel(args.string("model"));
        long versions = registry.countVersions(VersionQuery.of(m.name(), 1));
        if (!args.bool("confirm")) {
            throw new IllegalArgumentException("delete_model would delete model '" + m.name() + "' with " + versions
                    + " version(s)" + (m.aliases().isEmpty() ? "" : " and aliases " + m.aliases().keySet())
                    + " for good: ask the user, then call again with confirm=true");
        }
        registry.deleteModel(ctx.actor(), m.name());
        return Obj.of().with("deleted", true).with("model", m.name()).with("versions_deleted", versions);
    }
}
