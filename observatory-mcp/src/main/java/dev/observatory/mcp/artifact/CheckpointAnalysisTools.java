package dev.observatory.mcp.artifact;

import static dev.observatory.mcp.artifact.CheckpointTools.ARTIFACTS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.artifact.Checkpoints;
import dev.observatory.core.artifact.CheckpointMetric;
import dev.observatory.core.artifact.Progression;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * analyze_checkpoint_progression, analyze_checkpoint_usage, get_checkpoint_statistics and
 * compare_checkpoints_across_runs.
 */
final class CheckpointAnalysisTools {
    private CheckpointAnalysisTools() {
    }

    static ToolDef progression() {
        InputSchema in = InputSchema.of(ArtifactArgs.runId("Run whose checkpoints to analyse."),
                Param.strings("metrics", "Metric keys whose value at each checkpoint to show.").between(1, 10)
                        .example("[\"eval/loss\"]"),
                Param.integer("max_points", "Most checkpoints listed (evenly sampled, first and last kept).")
                        .between(2, 200).defaultsTo(50));
        Map<String, Object> point = Schemas.object("one checkpoint of the trajectory").prop("id", string(null), true)
                .prop("step", integer(null)).prop("size", integer("bytes"), true).prop("created_at", string(null))
                .prop("metrics",
                        Schemas.anyObject(
                                "metric key -> value at the" + " checkpoint (a number or \"NaN\"/\"Infinity\")"))
                .build();
        Map<String, Object> out = Schemas.object("how the run's checkpoints evolved")
                .prop("count", integer("checkpoints of the run"), true).prop("total_bytes", integer(null), true)
                .prop("median_step_interval", integer("steps between saves"))
                .prop("median_seconds_interval", number("seconds between recordings"))
                .prop("size_growth", number("last size / first size"))
                .prop("gaps",
                        array(Schemas.object("a missed save").prop("after_step", integer(null))
                                .prop("step", integer(null)).build(), "intervals over twice the median"),
                        true)
                .prop("trajectory", array(point, "checkpoints by step"), true).build();
        return new ToolDef("analyze_checkpoint_progression", ARTIFACTS, "Analyse checkpoint progression",
                "Analyse a run's checkpoints over training: count and total size, size growth, save cadence (median"
                        + " steps and seconds between checkpoints), missed saves (gaps over twice the median) and the"
                        + " trajectory of chosen metrics at each checkpoint's step. Use it before choosing or pruning"
                        + " checkpoints.",
                in, out, Hints.READ_ONLY, CheckpointAnalysisTools::analyse);
    }

    static Map<String, Object> analyse(Args args, ToolContext ctx) {
        Progression p = new Checkpoints(ctx.tracking()).progression(args.string("run_id"), args.strings("metrics"),
                args.intValue("max_points"));
        List<Obj> points = new ArrayList<>();
        for (int i = 0; i < p.checkpoints().size(); i++) {
            Artifact a = p.checkpoints().get(i);
            Obj metrics = Obj.of();
            for (var e : p.metrics().entrySet()) {
                CheckpointMetric m = e.getValue().get(i);
                metrics.with(e.getKey(), m == null ? null : Json.num(m.value()));
            }
            points.add(Obj.of().with("id", a.id()).with("step", a.step()).with("size", a.size())
                    .with("created_at", Json.time(a.created())).with("metrics", metrics.isEmpty() ? null : metrics));
        }
        List<Obj> gaps = new ArrayList<>();
        List<Artifact> all = p.checkpoints();
        for (Artifact g : p.gaps()) {
            gaps.add(Obj.of().with("step", g.step()));
        }
        Double growth = all.size() < 2 || all.get(0).size() == 0 ? null
                : (double) all.get(all.size() - 1).size() / all.get(0).size();
        return Obj.of().with("count", p.count()).with("total_bytes", p.totalBytes())
                .with("median_step_interval", p.medianStepInterval())
                .with("median_seconds_interval", p.medianSecondsInterval()).with("size_growth", growth)
                .with("gaps", gaps).with("trajectory", points);
    }

    static ToolDef usage() {
        InputSchema in = InputSchema.of(
                Param.string("project", "Only artifacts of this project.").between(1, 100).example("\"vision\""),
                Param.string("run_id", "Only artifacts of this run.").between(1, 100).example("\"3f9a1c2b7d4e5f60\""),
                Param.string("kind", "Only artifacts of this kind; default checkpoint.").oneOf(ArtifactKind.wireNames())
                        .defaultsTo("checkpoint"),
                Param.string("group_by", "project, run, kind, or day (growth over time, UTC days).")
                        .oneOf(List.of("project", "run", "kind", "day")).defaultsTo("run"),
                ArtifactArgs.limit(500, 100));
        Map<String, Object> out = Schemas.object("storage used by artifacts, in groups")
                .prop("total", ArtifactViews.USAGE_SCHEMA, true)
                .prop("groups", array(ArtifactViews.USAGE_SCHEMA, "by group key"), true)
                .prop("truncated", Schemas.bool("true when not every group is shown"), true).build();
        return new ToolDef("analyze_checkpoint_usage", ARTIFACTS, "Analyse checkpoint storage usage",
                "How much storage checkpoints (or another kind of artifact) use: count and bytes in total and by"
                        + " project, run, kind or day (growth over time). Answers \"how much storage do the sweep's"
                        + " checkpoints use?\" and \"which runs hold the most?\".",
                in, out, Hints.READ_ONLY, CheckpointAnalysisTools::usageOf);
    }

    static Map<String, Object> usageOf(Args args, ToolContext ctx) {
        ArtifactQuery q = new ArtifactQuery(args.string("run_id"), args.string("project"),
                ArtifactKind.parse(args.string("kind")), null, null, null, null, false, 1, 0);
        var artifacts = ArtifactArgs.artifacts(ctx);
        ArtifactUsage total = artifacts.usage(q, ArtifactUsage.GroupBy.NONE).get(0);
        List<ArtifactUsage> groups = artifacts.usage(q,
                ArtifactUsage.GroupBy.valueOf(args.string("group_by").toUpperCase(Locale.ROOT)));
        if (!"day".equals(args.string("group_by"))) {
            groups = groups.stream().sorted((a, b) -> Long.compare(b.bytes(), a.bytes())).toList();
        }
        List<Obj> rows = groups.stream().limit(args.intValue("limit")).map(ArtifactViews::usage).toList();
        int n = ctx.budget().fit(Obj.of().with("total", ArtifactViews.usage(total)), rows);
        return Obj.of().with("total", ArtifactViews.usage(total)).with("groups", rows.subList(0, n)).with("truncated",
                n < groups.size());
    }

    static ToolDef statistics() {
        InputSchema in = InputSchema.of(
                Param.string("run_id", "Run whose checkpoints to count.").between(1, 100)
                        .example("\"3f9a1c2b7d4e5f60\""),
                Param.string("project", "Project whose checkpoints to count (when no run is given).").between(1, 100)
                        .example("\"vision\""));
        return new ToolDef("get_checkpoint_statistics", ARTIFACTS, "Get checkpoint statistics",
                "Count, total size, step and epoch ranges and first/last save time of the checkpoints of a run, a"
                        + " project or everything. A quick summary before list_checkpoints.",
                in, ArtifactViews.USAGE_SCHEMA, Hints.READ_ONLY, (args, ctx) -> {
                    if (args.string("run_id") != null) {
                        ctx.tracking().getRun(args.string("run_id"));
                    }
                    return ArtifactViews.usage(
                            new Checkpoints(ctx.tracking()).statistics(args.string("run_id"), args.string("project")));
                });
    }

    static ToolDef compare() {
        InputSchema in = InputSchema.of(
                Param.strings("run_ids", "Runs to compare (2-20).").required().between(2, 20)
                        .example("[\"3f9a1c2b7d4e5f60\", \"8e7d6c5b4a392817\"]"),
                Param.string("metric", "Metric to pick each run's best checkpoint by.").between(1, 250)
                        .example("\"eval/loss\""),
                ArtifactArgs.goal());
        Map<String, Object> row = Schemas.object("one run's checkpoints").prop("run_id", string(null), true)
                .prop("statistics", ArtifactViews.USAGE_SCHEMA, true).prop("latest", ArtifactViews.ARTIFACT_SCHEMA)
                .prop("best", ArtifactViews.ARTIFACT_SCHEMA).prop("best_metric", ArtifactViews.METRIC_SCHEMA)
                .prop("problem", string("why there is no best checkpoint")).build();
        Map<String, Object> out = Schemas.object("the runs side by side").prop("runs", array(row, null), true)
                .prop("winner", string("run id whose best checkpoint has the best metric value")).build();
        return new ToolDef("compare_checkpoints_across_runs", ARTIFACTS, "Compare checkpoints across runs",
                "Compare the checkpoints of several runs side by side: count, size, step range, latest checkpoint"
                        + " and, with a metric, each run's best checkpoint by that metric and the overall winner."
                        + " Use it to pick which run of a sweep to promote.",
                in, out, Hints.READ_ONLY, CheckpointAnalysisTools::compareRuns);
    }

    static Map<String, Object> compareRuns(Args args, ToolContext ctx) {
        boolean minimize = !"max".equals(args.string("goal"));
        var rows = new Checkpoints(ctx.tracking()).compare(args.strings("run_ids"), args.string("metric"), minimize);
        List<Obj> out = new ArrayList<>();
        String winner = null;
        double best = Double.NaN;
        for (var r : rows) {
            out.add(Obj.of().with("run_id", r.runId()).with("statistics", ArtifactViews.usage(r.statistics()))
                    .with("latest", r.latest() == null ? null : ArtifactViews.row(r.latest()))
                    .with("best", r.best() == null ? null : ArtifactViews.row(r.best().checkpoint()))
                    .with("best_metric", r.best() == null ? null : ArtifactViews.metric(r.best().metric()))
                    .with("problem", r.problem()));
            if (r.best() != null) {
                double v = r.best().metric().value();
                if (Double.isNaN(best) || (minimize ? v < best : v > best)) {
                    best = v;
                    winner = r.runId();
                }
            }
        }
        return Obj.of().with("runs", out).with("winner", winner);
    }
}
