package dev.observatory.mcp.job;

import static dev.observatory.mcp.job.JobArgs.JOBS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.job.Jobs;
import dev.observatory.core.job.ResourceSample;
import dev.observatory.core.job.ResourceSampler;
import dev.observatory.core.job.SystemStats;
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
import java.util.List;
import java.util.Map;

/** get_resource_utilization and get_system_stats. */
final class JobSystemTools {
    private JobSystemTools() {
    }

    static ToolDef utilization() {
        Map<String, Object> series = Schemas.object("one resource metric over the job's life")
                .prop("metric", string("sys/cpu_percent, sys/rss_mb, sys/io_read_mb, sys/gpu0_util_percent, ..."), true)
                .prop("samples", integer(null), true).prop("last", Schemas.metricValue("latest"), true)
                .prop("min", Schemas.metricValue("min"), true).prop("max", Schemas.metricValue("peak"), true).build();
        Map<String, Object> out = Schemas.object("resources of the job").prop("job_id", string(null), true)
                .prop("status", string(null), true)
                .prop("gpu", string("present (nvidia-smi found) or absent (not reported, which is not zero)"), true)
                .prop("latest", JobViews.SAMPLE_SCHEMA)
                .prop("recent", array(JobViews.SAMPLE_SCHEMA, "latest samples, oldest first (running jobs)"), true)
                .prop("series", array(series, "summaries of the sys/ metrics recorded on the job's run"), true).build();
        InputSchema in = InputSchema.of(JobArgs.jobId(),
                Param.integer("samples", "How many recent samples to include.").between(0, 360).defaultsTo(10));
        return new ToolDef("get_resource_utilization", JOBS, "Get a job's resource utilization",
                "CPU, resident memory, disk I/O and process count of a job's whole process group sampled from"
                        + " /proc, and GPU utilisation and memory from nvidia-smi when it is installed (reported as"
                        + " absent otherwise, never as zero): recent samples while it runs, and min/max/last over"
                        + " its life from the sys/ metrics of its run.",
                in, out, Hints.READ_ONLY, JobSystemTools::resourceUse);
    }

    static Map<String, Object> resourceUse(Args args, ToolContext ctx) {
        Jobs jobs = new Jobs(ctx.tracking());
        Job j = jobs.get(args.string("job_id"));
        List<ResourceSample> samples = jobs.live(j.id()).map(Jobs.LiveView::samples).orElse(List.of());
        int n = Math.min(args.intValue("samples"), samples.size());
        List<Obj> recent = samples.subList(samples.size() - n, samples.size()).stream().map(JobViews::sample).toList();
        List<Obj> series = ctx.tracking().store().metrics().summaries(j.runId()).stream()
                .filter(s -> s.key().startsWith("sys/")).map(JobSystemTools::series).toList();
        Obj o = Obj.of().with("job_id", j.id()).with("status", j.status().wire()).with("gpu",
                ResourceSampler.gpusPresent() ? "present" : "absent");
        if (!samples.isEmpty()) {
            o.with("latest", JobViews.sample(samples.get(samples.size() - 1)));
        }
        return o.with("recent", recent).with("series", series);
    }

    private static Obj series(MetricSummary s) {
        return Obj.of().with("metric", s.key()).with("samples", s.count()).with("last", Json.num(s.last()))
                .with("min", Json.num(s.min())).with("max", Json.num(s.max()));
    }

    static ToolDef system() {
        Map<String, Object> out = Schemas.object("the machine jobs run on").prop("cpus", integer(null), true)
                .prop("load_average", array(number(null), "1, 5 and 15 minutes"), true)
                .prop("memory_total_bytes", integer(null), true)
                .prop("memory_available_bytes", integer("-1 when unknown"), true)
                .prop("disk_free_bytes", integer("free space where job logs go; -1 when unknown"), true)
                .prop("disk_total_bytes", integer(null), true)
                .prop("gpu", string("present or absent (nvidia-smi)"), true)
                .prop("gpus",
                        array(Schemas
                                .anyObject("index, name, utilization_percent, memory_used_mb," + " memory_total_mb"),
                                "absent without nvidia-smi"))
                .prop("own_process_groups", bool("jobs run in their own process group (setsid found)"), true)
                .prop("jobs_running", integer(null), true).prop("jobs_queued", integer(null), true)
                .prop("max_concurrent_jobs", integer(null), true).build();
        return new ToolDef("get_system_stats", JOBS, "Get system stats",
                "The machine that runs the jobs: CPU count and load averages, memory total and available, free"
                        + " disk where job logs are written, GPUs from nvidia-smi (or absent), and the job runner's"
                        + " running and queued jobs against its concurrency limit. Use it before starting a job.",
                InputSchema.of(), out, Hints.READ_ONLY, (args, ctx) -> {
                    SystemStats s = SystemStats.sample(new Jobs(ctx.tracking()).runner());
                    return Obj.of().with("cpus", s.cpus())
                            .with("load_average", List.of(s.load1(), s.load5(), s.load15()))
                            .with("memory_total_bytes", s.memoryTotalBytes())
                            .with("memory_available_bytes", s.memoryAvailableBytes())
                            .with("disk_free_bytes", s.diskFreeBytes()).with("disk_total_bytes", s.diskTotalBytes())
                            .with("gpu", s.gpus() == null ? "absent" : "present")
                            .with("gpus", s.gpus() == null ? null : JobViews.gpus(s.gpus()))
                            .with("own_process_groups", s.ownProcessGroups()).with("jobs_running", s.runningJobs())
                            .with("jobs_queued", s.queuedJobs()).with("max_concurrent_jobs", s.maxConcurrentJobs());
                });
    }
}
