package dev.observatory.mcp.job;

import static dev.observatory.mcp.job.JobArgs.JOBS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.job.CostEstimate;
import dev.observatory.core.job.FailureReport;
import dev.observatory.core.job.JobPerformance;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.job.PriceTable;
import dev.observatory.core.job.SpecDiff;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** analyze_job_performance, analyze_job_failures, get_job_cost_estimates and compare_job_configs. */
final class JobAnalysisTools {
    static final int MAX_ANALYSED = 5_000;

    private JobAnalysisTools() {
    }

    static Param project() {
        return Param.string("project", "Only jobs of this project; omit for all.").between(1, 100)
                .example("\"vision\"");
    }

    static Param last() {
        return Param.integer("last", "How many of the most recent jobs to analyse.").between(1, MAX_ANALYSED)
                .defaultsTo(500);
    }

    static List<Job> recent(Args args, ToolContext ctx) {
        return new Jobs(ctx.tracking())
                .list(new JobQuery(args.string("project"), null, Set.of(), args.intValue("last"), 0));
    }

    static ToolDef performance() {
        Map<String, Object> durations = Schemas.object("durations of ended jobs").prop("count", integer(null), true)
                .prop("mean_seconds", number(null), true).prop("p50_seconds", number(null), true)
                .prop("p95_seconds", number(null), true).prop("max_seconds", number(null), true).build();
        Map<String, Object> out = Schemas.object("how the jobs went").prop("jobs", integer("jobs analysed"), true)
                .prop("by_status", mapOf(integer(null), "jobs per status"), true)
                .prop("success_rate", number("succeeded / ended, user stops excluded; absent when none ended"))
                .prop("durations", durations).prop("success_rate_by_project", mapOf(number(null), "per project"), true)
                .prop("health", string("healthy, degraded, failing or unknown"), true).build();
        return new ToolDef("analyze_job_performance", JOBS, "Analyze job performance",
                "Success rate, status counts, duration statistics (mean, p50, p95, max) and a health verdict over"
                        + " the most recent jobs, overall and per project. analyze_job_failures explains the"
                        + " failures.",
                InputSchema.of(project(), last()), out, Hints.READ_ONLY, (args, ctx) -> {
                    JobPerformance p = JobPerformance.of(recent(args, ctx), ctx.tracking().clock().instant());
                    Obj o = Obj.of().with("jobs", p.jobs()).with("by_status", p.byStatus()).with("success_rate",
                            p.successRate());
                    if (p.durations() != null) {
                        var d = p.durations();
                        o.with("durations",
                                Obj.of().with("count", d.count()).with("mean_seconds", d.meanSeconds())
                                        .with("p50_seconds", d.p50Seconds()).with("p95_seconds", d.p95Seconds())
                                        .with("max_seconds", d.maxSeconds()));
                    }
                    return o.with("success_rate_by_project", p.successRateByProject()).with("health", p.health());
                });
    }

    static ToolDef failures() {
        Map<String, Object> cluster = Schemas.object("jobs sharing one error signature")
                .prop("signature", string("normalised error line (numbers, paths, hex replaced)"), true)
                .prop("count", integer(null), true).prop("first_seen", string("ISO-8601"), true)
                .prop("last_seen", string("ISO-8601"), true)
                .prop("job_ids", array(string(null), "up to 10, most recent first"), true)
                .prop("classes", mapOf(integer(null), "failure classes in the cluster"), true).build();
        Map<String, Object> out = Schemas.object("failures across jobs").prop("analysed", integer(null), true)
                .prop("failed", integer("failed, guardrail-stopped or lost"), true)
                .prop("by_class",
                        mapOf(integer(null), "oom, nan, stall, divergence, rule, killed, error," + " exit_code, lost"),
                        true)
                .prop("clusters", array(cluster, "largest first"), true).build();
        return new ToolDef("analyze_job_failures", JOBS, "Analyze job failures",
                "Classify the failures of the most recent jobs (oom, nan, stall, divergence, rule, killed, error"
                        + " signature, non-zero exit, lost) and cluster repeated error signatures with counts,"
                        + " first/last seen and the jobs they hit.",
                InputSchema.of(project(), last()), out, Hints.READ_ONLY, (args, ctx) -> {
                    FailureReport r = FailureReport.of(recent(args, ctx));
                    List<Obj> clusters = r.clusters().stream()
                            .map(c -> Obj.of().with("signature", c.signature()).with("count", c.count())
                                    .with("first_seen", Json.time(c.firstSeen()))
                                    .with("last_seen", Json.time(c.lastSeen())).with("job_ids", c.jobIds())
                                    .with("classes", c.classes()))
                            .toList();
                    int n = ctx.budget().fit(Obj.of().with("by_class", r.byClass()), clusters);
                    return Obj.of().with("analysed", r.analysed()).with("failed", r.failed())
                            .with("by_class", r.byClass()).with("clusters", clusters.subList(0, n));
                });
    }

    static ToolDef costs() {
        Map<String, Object> estimate = Schemas.object("one job's cost").prop("job_id", string(null), true)
                .prop("status", string(null), true).prop("hourly_usd", number("all resources per hour"), true)
                .prop("breakdown_hourly_usd", mapOf(number(null), "gpu, cpu, memory"), true)
                .prop("elapsed_hours", number(null), true).prop("cost_so_far_usd", number(null), true)
                .prop("current_step", integer(null)).prop("target_steps", integer(null))
                .prop("steps_per_hour", number(null)).prop("projected_total_hours", number(null))
                .prop("projected_total_usd", number("absent without target_steps or a step rate"))
                .prop("remaining_usd", number(null)).build();
        Map<String, Object> out = Schemas.object("cost estimates")
                .prop("estimates", array(estimate, "one per job"), true).prop("total_so_far_usd", number(null), true)
                .prop("prices",
                        Schemas.anyObject(
                                "the price table used: gpu_hour by type, cpu_core_hour," + " memory_gb_hour, as_of"),
                        true)
                .build();
        InputSchema in = InputSchema.of(Param.strings("job_ids", "Jobs to estimate; omit for the running ones.")
                .example("[\"7919636b5c75408a\"]"), project());
        return new ToolDef("get_job_cost_estimates", JOBS, "Estimate job costs",
                "Cost of jobs from the price table (per GPU-hour by type, CPU core-hour, memory GB-hour; defaults"
                        + " dated, configurable with job_prices): cost so far from wall time, and projected cost to"
                        + " finish from the step rate and target_steps. Without job_ids: the running jobs.",
                in, out, Hints.READ_ONLY, JobAnalysisTools::estimate);
    }

    static Map<String, Object> estimate(Args args, ToolContext ctx) {
        Jobs jobs = new Jobs(ctx.tracking());
        List<Job> chosen = args.strings("job_ids").isEmpty()
                ? jobs.list(new JobQuery(args.string("project"), null,
                        Set.of(dev.observatory.model.job.JobStatus.RUNNING), 200, 0))
                : args.strings("job_ids").stream().limit(200).map(jobs::get).toList();
        PriceTable prices = jobs.enabled() ? jobs.runner().settings().prices() : PriceTable.defaults();
        Instant now = ctx.tracking().clock().instant();
        double total = 0;
        List<Obj> rows = new java.util.ArrayList<>();
        for (Job j : chosen) {
            CostEstimate e = CostEstimate.of(j, currentStep(jobs, ctx, j), now, prices);
            total += e.costSoFarUsd();
            rows.add(Obj.of().with("job_id", j.id()).with("status", j.status().wire()).with("hourly_usd", e.hourlyUsd())
                    .with("breakdown_hourly_usd",
                            Map.of("gpu", e.gpuHourlyUsd(), "cpu", e.cpuHourlyUsd(), "memory", e.memoryHourlyUsd()))
                    .with("elapsed_hours", e.elapsedHours()).with("cost_so_far_usd", e.costSoFarUsd())
                    .with("current_step", e.currentStep()).with("target_steps", e.targetSteps())
                    .with("steps_per_hour", e.stepsPerHour()).with("projected_total_hours", e.projectedTotalHours())
                    .with("projected_total_usd", e.projectedTotalUsd()).with("remaining_usd", e.remainingUsd()));
        }
        Obj table = Obj.of().with("gpu_hour", prices.gpuHour()).with("cpu_core_hour", prices.cpuCoreHour())
                .with("memory_gb_hour", prices.memoryGbHour()).with("as_of", prices.asOf());
        return Obj.of().with("estimates", rows).with("total_so_far_usd", Math.round(total * 10_000) / 10_000.0)
                .with("prices", table);
    }

    /** The job's last step: live when it runs here, else the largest last step of its run's metrics. */
    static Long currentStep(Jobs jobs, ToolContext ctx, Job j) {
        var live = jobs.live(j.id());
        if (live.isPresent() && live.get().lastStep() != null) {
            return live.get().lastStep();
        }
        return ctx.tracking().store().metrics().summaries(j.runId()).stream().filter(s -> !s.key().startsWith("sys/"))
                .map(MetricSummary::lastStep).max(Long::compare).orElse(null);
    }

    static ToolDef compare() {
        Map<String, Object> change = Schemas.object("one difference")
                .prop("path", string("e.g. argv[3]," + " params.lr, env.EPOCHS, guardrails.stall_seconds"), true)
                .prop("change", string("added, removed or changed"), true).prop("left", string("value in job_a"))
                .prop("right", string("value in job_b")).build();
        Map<String, Object> out = Schemas.object("the structured diff").prop("job_a", JobViews.JOB_SCHEMA, true)
                .prop("job_b", JobViews.JOB_SCHEMA, true)
                .prop("differences", array(change, "every differing path"), true)
                .prop("same", integer("paths with equal values"), true).build();
        InputSchema in = InputSchema.of(
                Param.string("job_a", "First job id.").required().between(1, 100).example("\"7919636b5c75408a\""),
                Param.string("job_b", "Second job id.").required().between(1, 100).example("\"a1b2c3d4e5f60718\""));
        return new ToolDef("compare_job_configs", JOBS, "Compare two jobs' configurations",
                "Structured diff of two jobs' configurations: command line (per argument), working directory,"
                        + " environment (secrets redacted), hyper-parameters, resources and guardrail settings,"
                        + " with both outcomes side by side. Use it to see what changed between a run that worked"
                        + " and one that failed.",
                in, out, Hints.READ_ONLY, (args, ctx) -> {
                    Jobs jobs = new Jobs(ctx.tracking());
                    Job a = jobs.get(args.string("job_a"));
                    Job b = jobs.get(args.string("job_b"));
                    List<SpecDiff.Change> diff = SpecDiff.of(a.spec(), b.spec());
                    Set<String> paths = new java.util.HashSet<>(SpecDiff.flatten(a.spec()).keySet());
                    paths.addAll(SpecDiff.flatten(b.spec()).keySet());
                    Instant now = ctx.tracking().clock().instant();
                    return Obj.of().with("job_a", JobViews.row(a, now)).with("job_b", JobViews.row(b, now))
                            .with("differences",
                                    diff.stream()
                                            .map(c -> Obj.of().with("path", c.path()).with("change", c.change())
                                                    .with("left", c.left()).with("right", c.right()))
                                            .toList())
                            .with("same", paths.size() - diff.size());
                });
    }
}
