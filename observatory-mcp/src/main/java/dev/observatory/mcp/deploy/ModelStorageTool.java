package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.deploy.ModelStorage;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.registry.ModelVersion;
import java.util.List;
import java.util.Map;

/** browse_model_storage: the files of a model version where its source points (toolset admin, also in deploy). */
final class ModelStorageTool {
    private ModelStorageTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("version_id", "The registry's version id (or give model and version).").between(1, 100),
                Param.string("model", "Registered model name.").between(1, 256).example("\"audio-model-v3\""),
                Param.string("version", "Version number or alias; latest (default) for the highest-numbered one.")
                        .between(1, 255),
                Param.integer("limit", "Most files (1-1000).").between(1, ModelStorage.MAX_PAGE).defaultsTo(100),
                Param.string("cursor", "next_cursor of the previous page.").between(1, 4096));
        Map<String, Object> file = Schemas.object("one file").prop("path", string("relative to the source"), true)
                .prop("size", integer("bytes"), true).prop("modified", string("ISO-8601")).build();
        Map<String, Object> out = Schemas.object("the files of a model version").prop("model", string(null), true)
                .prop("version", integer(null), true).prop("source", string("the version's source URI or path"), true)
                .prop("where", string("blob store, local or not browsable"), true)
                .prop("reason", string("why the source cannot be browsed"))
                .prop("files", array(file, "in path order"), true)
                .prop("total_bytes", integer("of the files on this page"), true)
                .prop("truncated", bool("true when there are more files"), true)
                .prop("next_cursor", string("pass as cursor for the next page")).build();
        return new ToolDef("browse_model_storage", "admin", "Browse a model version's files",
                "List the files of a registered model version where its source points (the server's blob store, or"
                        + " a local path): path, size and time, never contents. Use it to check that weights and"
                        + " config are where a deployment expects them. For the whole blob store use"
                        + " browse_storage.",
                in, out, Hints.READ_ONLY, ModelStorageTool::handle).listedAlsoIn("deploy");
    }

    static Map<String, Object> handle(Args a, ToolContext ctx) {
        ModelStorage storage = new ModelStorage(ctx.tracking());
        ModelVersion v = storage.resolve(a.string("version_id"), a.string("model"), a.string("version"));
        ModelStorage.Listing l = storage.browse(v, a.string("cursor"), a.intValue("limit"));
        List<Obj> files = l.entries().stream().map(e -> Obj.of().with("path", e.path()).with("size", e.size())
                .with("modified", e.modified() == null ? null : e.modified().toString())).toList();
        int n = ctx.budget().fit(Obj.of().with("source", l.source()), files);
        boolean cut = n < files.size();
        String next = cut ? l.entries().get(n - 1).path() : l.nextCursor();
        return Obj.of().with("model", v.model()).with("version", v.version()).with("source", l.source())
                .with("where", l.where()).with("reason", l.reason()).with("files", files.subList(0, n))
                .with("total_bytes", l.entries().stream().limit(n).mapToLong(ModelStorage.Entry::size).sum())
                .with("truncated", next != null).with("next_cursor", next);
    }
}
