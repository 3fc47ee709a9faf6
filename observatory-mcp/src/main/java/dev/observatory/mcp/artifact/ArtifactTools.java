package dev.observatory.mcp.artifact;

import static dev.observatory.mcp.artifact.CheckpointTools.ARTIFACTS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.CheckpointFiles;
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
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobListing;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** list_artifacts, get_artifact, browse_storage, get_storage_usage, check_object_exists and register_checkpoints. */
final class ArtifactTools {
    static final Hints WRITE = new Hints(false, false, true, false);

    private ArtifactTools() {
    }

    static ToolDef list() {
        InputSchema in = InputSchema.of(
                Param.string("run_id", "Only artifacts of this run.").between(1, 100).example("\"3f9a1c2b7d4e5f60\""),
                Param.string("project", "Only artifacts of this project.").between(1, 100).example("\"vision\""),
                Param.string("kind", "Only artifacts of this kind.").oneOf(ArtifactKind.wireNames())
                        .example("\"report\""),
                Param.string("path_prefix", "Only paths starting with this text.").between(1, 1024)
                        .example("\"eval/\""),
                Param.string("sort", "path, step, created or size.").oneOf(List.of("path", "step", "created", "size"))
                        .defaultsTo("path"),
                Param.bool("descending", "Reverse the order (e.g. largest first).").defaultsTo(false),
                ArtifactArgs.limit(200, 50), PageCursor.param());
        return new ToolDef("list_artifacts", ARTIFACTS, "List artifacts",
                "List artifacts (checkpoints, replays, models, data sets, reports, other files) of a run, a project"
                        + " or everything, filtered by kind or path prefix and sorted by path, step, time or size."
                        + " get_artifact shows one with its metadata.",
                in, ArtifactViews.pagedArtifacts("artifacts", "artifacts in the asked order"), Hints.READ_ONLY,
                ArtifactTools::listArtifacts);
    }

    static Map<String, Object> listArtifacts(Args args, ToolContext ctx) {
        Artifacts artifacts = ArtifactArgs.artifacts(ctx);
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        String kind = args.string("kind");
        ArtifactQuery q = new ArtifactQuery(args.string("run_id"), args.string("project"),
                kind == null ? null : ArtifactKind.parse(kind), args.string("path_prefix"), null, null,
                ArtifactQuery.Sort.valueOf(args.string("sort").toUpperCase(Locale.ROOT)), args.bool("descending"),
                limit + 1, offset);
        List<Artifact> found = artifacts.find(q);
        long total = artifacts.count(q);
        List<Obj> rows = found.stream().limit(limit).map(ArtifactViews::row).toList();
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || found.size() > limit;
        return Obj.of().with("artifacts", rows.subList(0, n)).with("total", total).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef get() {
        InputSchema in = InputSchema.of(
                Param.string("artifact_id", "Artifact id; or give run_id and path.").between(1, 100)
                        .example("\"a1b2c3d4e5f60718\""),
                Param.string("run_id", "Run of the artifact, with path.").between(1, 100)
                        .example("\"3f9a1c2b7d4e5f60\""),
                Param.string("path", "Path of the artifact within the run, with run_id.").between(1, 1024)
                        .example("\"checkpoints/step_000100.pt\""));
        Map<String, Object> out = Schemas.object("one artifact").prop("artifact", ArtifactViews.ARTIFACT_SCHEMA, true)
                .prop("download", string("REST path that streams it (supports Range)"), true)
                .prop("resource", string("observatory://artifacts/{id}"), true).build();
        return new ToolDef("get_artifact", ARTIFACTS, "Get an artifact",
                "Get one artifact by id (or by run and path): kind, size, hash, step, epoch, content type, storage"
                        + " URI and its metadata, with the REST path that downloads it. get_checkpoint_url gives a"
                        + " shareable link.",
                in, out, Hints.READ_ONLY, ArtifactTools::getArtifact);
    }

    static Map<String, Object> getArtifact(Args args, ToolContext ctx) {
        Artifacts artifacts = ArtifactArgs.artifacts(ctx);
        Artifact a;
        if (args.string("artifact_id") != null) {
            a = artifacts.get(args.string("artifact_id"));
        } else if (args.string("run_id") != null && args.string("path") != null) {
            a = artifacts.find(args.string("run_id"), args.string("path"));
        } else {
            throw new IllegalArgumentException("name the artifact: give artifact_id, or run_id and path");
        }
        return Obj.of().with("artifact", ArtifactViews.full(a, artifacts))
                .with("download", "/api/v1/artifacts/" + a.id() + "/content")
                .with("resource", ArtifactViews.RESOURCE + a.id());
    }

    static ToolDef browse() {
        InputSchema in = InputSchema.of(
                Param.string("prefix", "Key prefix to list, e.g. projects/vision/ ; omit for the root.")
                        .between(1, 1024).example("\"projects/vision/\""),
                Param.bool("folders", "List the folders one level below the prefix (true) or every object (false).")
                        .defaultsTo(true),
                ArtifactArgs.limit(1000, 100),
                Param.string("cursor", "The next_cursor of the previous answer; repeat the other arguments.")
                        .example("\"...\""));
        Map<String, Object> object = Schemas.object("an object").prop("key", string(null), true)
                .prop("size", integer("bytes"), true).prop("modified", string("ISO-8601")).build();
        Map<String, Object> out = Schemas.object("one page of the blob store")
                .prop("store", string("filesystem or s3 and its location"), true)
                .prop("folders", array(string(null), "common prefixes ending in '/'"), true)
                .prop("objects", array(object, "objects in key order"), true)
                .prop("truncated", bool("true when there is more"), true)
                .prop("next_cursor", string("pass as cursor for the next page")).build();
        return new ToolDef("browse_storage", ARTIFACTS, "Browse the blob store",
                "Browse the artifact storage (filesystem or S3 bucket) like a file tree: the folders one level below a"
                        + " prefix, or every object with size and time. Use it to find checkpoints written by other"
                        + " tools, then register_checkpoints to index them.",
                in, out, Hints.READ_ONLY, ArtifactTools::browseStorage);
    }

    static Map<String, Object> browseStorage(Args args, ToolContext ctx) {
        Artifacts artifacts = ArtifactArgs.artifacts(ctx);
        BlobListing page = artifacts.browse(args.string("prefix"), args.bool("folders"), args.string("cursor"),
                args.intValue("limit"));
        List<Obj> objects = page.blobs().stream().map(
                b -> Obj.of().with("key", b.key()).with("size", b.size()).with("modified", Json.time(b.modified())))
                .toList();
        int n = ctx.budget().fit(Obj.of().with("folders", page.prefixes()), objects);
        boolean cut = n < objects.size();
        String next = cut ? page.blobs().get(n - 1).key() : page.nextCursor();
        return Obj.of().with("store", ctx.tracking().blobs().kind() + " " + ctx.tracking().blobs().location())
                .with("folders", page.prefixes()).with("objects", objects.subList(0, n))
                .with("truncated", cut || page.nextCursor() != null).with("next_cursor", next);
    }

    static ToolDef storageUsage() {
        InputSchema in = InputSchema.of(
                Param.string("prefix", "Key prefix to total; omit for the whole store.").between(1, 1024)
                        .example("\"projects/vision/\""),
                Param.integer("max_objects", "Most objects to count (listing is ~1 s per 100,000 on S3).")
                        .between(1, 1_000_000).defaultsTo(100_000));
        Map<String, Object> out = Schemas.object("storage used").prop("store", string(null), true)
                .prop("prefix", string(null), true).prop("objects", integer("objects under the prefix"), true)
                .prop("bytes", integer("their total size"), true)
                .prop("complete", bool("false when max_objects stopped the count"), true)
                .prop("indexed", array(ArtifactViews.USAGE_SCHEMA, "recorded artifacts by kind (whole index)"), true)
                .build();
        return new ToolDef("get_storage_usage", ARTIFACTS, "Get storage usage",
                "Total objects and bytes in the artifact storage under a prefix (counted by listing the filesystem or"
                        + " bucket), with the indexed artifacts by kind. For usage per run or project over time use"
                        + " analyze_checkpoint_usage.",
                in, out, Hints.READ_ONLY, ArtifactTools::usage);
    }

    static Map<String, Object> usage(Args args, ToolContext ctx) {
        Artifacts artifacts = ArtifactArgs.artifacts(ctx);
        var totals = artifacts.storageTotals(args.string("prefix"), args.longValue("max_objects"));
        List<Obj> indexed = artifacts.usage(ArtifactQuery.ofRun(null, 1), ArtifactUsage.GroupBy.KIND).stream()
                .map(ArtifactViews::usage).toList();
        return Obj.of().with("store", ctx.tracking().blobs().kind() + " " + ctx.tracking().blobs().location())
                .with("prefix", totals.prefix()).with("objects", totals.objects()).with("bytes", totals.bytes())
                .with("complete", totals.complete()).with("indexed", indexed);
    }

    static ToolDef exists() {
        InputSchema in = InputSchema.of(Param
                .string("key", "Object key in the blob store, e.g." + " projects/vision/runs/<run>/artifacts/model.pt")
                .required().between(1, 1024).example("\"projects/vision/runs/3f9a1c2b7d4e5f60/artifacts/model.pt\""));
        Map<String, Object> out = Schemas.object("whether the object exists").prop("key", string(null), true)
                .prop("exists", bool(null), true).prop("size", integer("bytes")).prop("sha256", string(null))
                .prop("content_type", string(null)).prop("modified", string("ISO-8601")).build();
        return new ToolDef("check_object_exists", ARTIFACTS, "Check that an object exists",
                "Check whether an object exists in the artifact storage (filesystem or S3) and, if so, its size,"
                        + " hash and time, without downloading it. Use it to verify an upload or a path before"
                        + " registering checkpoints.",
                in, out, Hints.READ_ONLY, (args, ctx) -> {
                    Optional<BlobInfo> b = ArtifactArgs.artifacts(ctx).stat(args.string("key"));
                    Obj o = Obj.of().with("key", args.string("key")).with("exists", b.isPresent());
                    b.ifPresent(i -> o.with("size", i.size()).with("sha256", i.sha256())
                            .with("content_type", i.contentType()).with("modified", Json.time(i.modified())));
                    return o;
                });
    }

    static ToolDef register() {
        InputSchema in = InputSchema
                .of(ArtifactArgs.runId("Run the checkpoints belong to."), Param
                        .string("prefix",
                                "Key prefix to scan, e.g. s3 folder of the run's checkpoints"
                                        + " (checkpoints/run-12/).")
                        .required().between(1, 1024).example("\"checkpoints/run-12/\""));
        Map<String, Object> out = Schemas.object("what the scan found")
                .prop("registered", integer("checkpoint files recorded (new or updated)"), true)
                .prop("scanned", integer("objects listed"), true)
                .prop("skipped", integer("objects that follow no checkpoint layout"), true)
                .prop("complete", bool("false when the scan stopped at 200,000 objects"), true)
                .prop("checkpoints", array(ArtifactViews.ARTIFACT_SCHEMA, "the first 20 recorded"), true).build();
        return new ToolDef("register_checkpoints", ARTIFACTS, "Register existing checkpoints",
                "Scan a prefix of the artifact storage for checkpoints written by training code (step_000100.pt,"
                        + " checkpoint-500/, epoch=3-step=1000.ckpt, model.safetensors in step folders, *.gguf) and"
                        + " record each weights file as a checkpoint of the run with its step and epoch, without"
                        + " copying. Scanning again updates what is already recorded.",
                in, out, WRITE, ArtifactTools::registerCheckpoints);
    }

    static Map<String, Object> registerCheckpoints(Args args, ToolContext ctx) {
        var r = new CheckpointFiles(ArtifactArgs.artifacts(ctx)).register(ctx.actor(), args.string("run_id"),
                args.string("prefix"), 20);
        long registered = r.scanned() - r.skipped();
        return Obj.of().with("registered", registered).with("scanned", r.scanned()).with("skipped", r.skipped())
                .with("complete", r.complete())
                .with("checkpoints", r.registered().stream().map(ArtifactViews::row).toList());
    }
}
