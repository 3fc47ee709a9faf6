package dev.observatory.mcp.artifact;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.BestCheckpoint;
import dev.observatory.core.artifact.CheckpointFiles;
import dev.observatory.core.artifact.CheckpointMetric;
import dev.observatory.core.artifact.Checkpoints;
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
import dev.observatory.model.MetricSummary;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.store.blob.SignedLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** list_checkpoints, find_best_checkpoint, get_checkpoint_metadata, get_checkpoint_url and list_replays. */
final class CheckpointTools {
    static final String ARTIFACTS = "artifacts";
    /** Metrics shown by get_checkpoint_metadata when none are named. */
    static final int DEFAULT_METRICS = 20;

    private CheckpointTools() {
    }

    static ToolDef listCheckpoints() {
        InputSchema in = InputSchema.of(ArtifactArgs.runId("Run whose checkpoints to list."),
                Param.integer("min_step", "Only checkpoints at or after this step.").example("1000"),
                Param.integer("max_step", "Only checkpoints at or before this step.").example("5000"),
                Param.string("order", "oldest (by step, first) or newest.").oneOf(List.of("oldest", "newest"))
                        .defaultsTo("oldest"),
                ArtifactArgs.limit(200, 50), PageCursor.param());
        return new ToolDef("list_checkpoints", ARTIFACTS, "List checkpoints of a run",
                "List the checkpoints of a run by training step (oldest or newest first), with path, size, step, epoch"
                        + " and id, optionally within a step range. Use it to see what was saved and how often;"
                        + " find_best_checkpoint picks one by metric, get_checkpoint_url gives a download link.",
                in, ArtifactViews.pagedArtifacts("checkpoints", "checkpoints by step"), Hints.READ_ONLY,
                (args, ctx) -> page(args, ctx, ArtifactKind.CHECKPOINT, "checkpoints")).listedAlsoIn(Toolsets.CORE);
    }

    static ToolDef listReplays() {
        InputSchema in = InputSchema.of(ArtifactArgs.runId("Run whose replays to list."), ArtifactArgs.limit(200, 50),
                PageCursor.param());
        return new ToolDef("list_replays", ARTIFACTS, "List replays of a run",
                "List the replays (episode videos, rollout recordings: artifacts of kind replay) of a run by step,"
                        + " with path, size and id. get_artifact shows one; the REST API downloads it.",
                in, ArtifactViews.pagedArtifacts("replays", "replays by step"), Hints.READ_ONLY,
                (args, ctx) -> page(args, ctx, ArtifactKind.REPLAY, "replays"));
    }

    static Map<String, Object> page(Args args, ToolContext ctx, ArtifactKind kind, String field) {
        Artifacts artifacts = ArtifactArgs.artifacts(ctx);
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        boolean newest = "newest".equals(args.string("order"));
        ArtifactQuery q = new ArtifactQuery(args.string("run_id"), null, kind, null, args.longValue("min_step"),
                args.longValue("max_step"), ArtifactQuery.Sort.STEP, newest, limit + 1, offset);
        List<Artifact> found = artifacts.find(q);
        long total = artifacts.count(q);
        List<Obj> rows = found.stream().limit(limit).map(ArtifactViews::row).toList();
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || found.size() > limit;
        return Obj.of().with(field, rows.subList(0, n)).with("total", total).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef findBest() {
        InputSchema in = InputSchema.of(
                ArtifactArgs.runId("Run whose checkpoints to choose from."), Param
                        .string("by",
                                "latest or earliest (by step), largest or smallest (by size), or metric (the"
                                        + " value of a metric at each checkpoint's step).")
                        .oneOf(List.of("latest", "earliest", "largest", "smallest", "metric")).defaultsTo("latest"),
                Param.string("metric", "Metric key for by=metric, e.g. eval/loss.").between(1, 250)
                        .example("\"eval/loss\""),
                ArtifactArgs.goal());
        Map<String, Object> out = Schemas.object("the chosen checkpoint")
                .prop("checkpoint", ArtifactViews.ARTIFACT_SCHEMA, true).prop("metric", ArtifactViews.METRIC_SCHEMA)
                .prop("considered", integer("checkpoints compared"), true)
                .prop("resource", string("observatory://artifacts/{id}")).build();
        return new ToolDef("find_best_checkpoint", ARTIFACTS, "Find the best checkpoint",
                "Pick one checkpoint of a run: the latest, earliest, largest or smallest, or the best by a metric's"
                        + " value at each checkpoint's step (min for losses, max for accuracies; a checkpoint between"
                        + " logged steps takes the last value before it). Answers \"which checkpoint of run 12 has the"
                        + " best eval loss?\"; then promote_checkpoint or get_checkpoint_url.",
                in, out, Hints.READ_ONLY, CheckpointTools::best).listedAlsoIn(Toolsets.CORE);
    }

    static Map<String, Object> best(Args args, ToolContext ctx) {
        BestCheckpoint.Criterion c = BestCheckpoint.Criterion.valueOf(args.string("by").toUpperCase(Locale.ROOT));
        if (c == BestCheckpoint.Criterion.METRIC && args.string("metric") == null) {
            throw new IllegalArgumentException("by=metric needs metric, e.g. {\"by\": \"metric\", \"metric\":"
                    + " \"eval/loss\", \"goal\": \"min\"}");
        }
        BestCheckpoint b = new Checkpoints(ctx.tracking()).best(args.string("run_id"), c, args.string("metric"),
                !"max".equals(args.string("goal")));
        return Obj.of().with("checkpoint", ArtifactViews.full(b.checkpoint(), ArtifactArgs.artifacts(ctx)))
                .with("metric", ArtifactViews.metric(b.metric())).with("considered", b.considered())
                .with("resource", ArtifactViews.RESOURCE + b.checkpoint().id());
    }

    static ToolDef metadata() {
        InputSchema in = InputSchema.of(ArtifactArgs.artifactId("Checkpoint id, as listed by list_checkpoints."),
                Param.strings("metrics", "Metric keys to read at the checkpoint's step; default: the run's first 20.")
                        .between(1, 50).example("[\"eval/loss\", \"eval/acc\"]"));
        Map<String, Object> out = Schemas.object("a checkpoint with its header facts and metrics at its step")
                .prop("checkpoint", ArtifactViews.ARTIFACT_SCHEMA, true)
                .prop("header",
                        Schemas.anyObject("format, layout and header facts (safetensors: tensor_count,"
                                + " parameter_count, dtypes; GGUF: architecture, file_type, context_length)"),
                        true)
                .prop("metrics", array(ArtifactViews.METRIC_SCHEMA, "metric values at the checkpoint's step"), true)
                .build();
        return new ToolDef("get_checkpoint_metadata", ARTIFACTS, "Get checkpoint metadata",
                "Describe one checkpoint: path, size, step, hash, its file header read without loading weights"
                        + " (safetensors tensor count, dtypes and parameter count; GGUF architecture, quantisation and"
                        + " context length) and the run's metric values at its step.",
                in, out, Hints.READ_ONLY, CheckpointTools::describe);
    }

    static Map<String, Object> describe(Args args, ToolContext ctx) {
        Artifacts artifacts = ArtifactArgs.artifacts(ctx);
        Artifact a = artifacts.get(args.string("artifact_id"));
        Map<String, Object> header = artifacts.hasBlobs() ? new CheckpointFiles(artifacts).header(a) : Map.of();
        List<String> keys = args.strings("metrics");
        if (keys.isEmpty()) {
            keys = ctx.tracking().metricSummaries(a.runId()).stream().map(MetricSummary::key).limit(DEFAULT_METRICS)
                    .toList();
        }
        Checkpoints checkpoints = new Checkpoints(ctx.tracking());
        List<Obj> metrics = new ArrayList<>();
        for (String key : keys) {
            CheckpointMetric m = checkpoints.metricAt(a.runId(), key, List.of(a)).get(a.id());
            if (m != null) {
                metrics.add(ArtifactViews.metric(m));
            }
        }
        return Obj.of().with("checkpoint", ArtifactViews.full(a, artifacts)).with("header", new TreeMap<>(header))
                .with("metrics", metrics);
    }

    static ToolDef url() {
        InputSchema in = InputSchema.of(ArtifactArgs.artifactId("Artifact or checkpoint id."),
                Param.integer("expires_in_seconds", "How long the link works (60 s to 7 days).").between(60, 604_800)
                        .defaultsTo(3600));
        Map<String, Object> out = Schemas.object("a time-limited download link")
                .prop("url", string("presigned S3 URL or signed server link; grants this object only"), true)
                .prop("expires_at", string("ISO-8601"), true).prop("artifact_id", string(null), true)
                .prop("path", string(null), true).prop("size", integer("bytes"), true).build();
        return new ToolDef("get_checkpoint_url", ARTIFACTS, "Get a download link",
                "Get a time-limited download link for a checkpoint or any artifact: a presigned URL on S3, or a"
                        + " signed link to this server on the filesystem store. The link grants reading that one"
                        + " object until it expires, without an API key: share it with care.",
                in, out, Hints.READ_ONLY, CheckpointTools::link);
    }

    static Map<String, Object> link(Args args, ToolContext ctx) {
        Artifacts artifacts = ArtifactArgs.artifacts(ctx);
        Artifact a = artifacts.get(args.string("artifact_id"));
        SignedLink l = artifacts.link(a, Duration.ofSeconds(args.intValue("expires_in_seconds")));
        return Obj.of().with("url", l.url().toString()).with("expires_at", Json.time(l.expires()))
                .with("artifact_id", a.id()).with("path", a.path()).with("size", a.size());
    }

}
