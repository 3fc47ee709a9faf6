package dev.observatory.mcp.job;

import static dev.observatory.mcp.job.JobArgs.JOBS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.job.Jobs;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.job.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** start_job, run_with_guardrails and stop_job: the tools that start and stop processes (write access). */
final class JobControlTools {
    /** Starts a process: not idempotent, not destructive, acts on the machine (open world). */
    static final Hints START = new Hints(false, false, false, true);
    /** Stops a process: destructive, idempotent. */
    static final Hints STOP = new Hints(false, true, true, true);

    private JobControlTools() {
    }

    static ToolDef start() {
        InputSchema in = new InputSchema(JobArgs.startParams());
        Map<String, Object> out = Schemas.object("the started (or queued) job").prop("job", JobViews.JOB_SCHEMA, true)
                .prop("spec", JobViews.SPEC_SCHEMA, true).build();
        return new ToolDef("start_job", JOBS, "Start a training job",
                "Start a training program as a job on this server: argv runs in working_dir (under the configured"
                        + " job roots) in its own process group, its output is captured to a rotated log, metrics"
                        + " are parsed from it (JSON lines, key=value, Hugging Face dicts, Lightning progress, 'step N"
                        + " loss X') into a run, and guardrails (NaN/Inf, out-of-memory, stall, divergence, your"
                        + " rules) stop it when it goes wrong. Returns at once; watch_job or get_job_status follow"
                        + " it. Needs write access; refused in read-only mode.",
                in, out, START, JobControlTools::startJob);
    }

    static Map<String, Object> startJob(Args args, ToolContext ctx) {
        checkWritable(ctx, "job.start");
        Job j = new Jobs(ctx.tracking()).start(ctx.actor(), JobArgs.startRequest(args));
        return Obj.of().with("job", JobViews.row(j, ctx.tracking().clock().instant())).with("spec",
                JobViews.spec(j.spec()));
    }

    static ToolDef runWithGuardrails() {
        List<Param> params = new ArrayList<>(JobArgs.startParams());
        params.add(Param
                .integer("monitor_seconds",
                        "How long to watch before answering (the job keeps running"
                                + " afterwards); the answer comes earlier when the job ends.")
                .between(1, 300).defaultsTo(60));
        Map<String, Object> out = Schemas.object("the job after the monitoring window")
                .prop("job", JobViews.JOB_SCHEMA, true)
                .prop("window", string("job_ended or monitor_window_complete"), true)
                .prop("monitored_seconds", Schemas.number("seconds watched"), true)
                .prop("fired", JobViews.GUARDRAIL_SCHEMA).prop("live", JobViews.LIVE_SCHEMA)
                .prop("events", array(JobViews.EVENT_SCHEMA, "the job's history so far"), true)
                .prop("log_tail", array(string(null), "last lines of its log"), true).build();
        return new ToolDef("run_with_guardrails", JOBS, "Run a job with guardrails and watch it",
                "Start a training job like start_job and watch it for monitor_seconds (default 60): answers when it"
                        + " ends or the window passes, with its status, which guardrail fired (with evidence lines,"
                        + " values and step), its latest metrics, its history and log tail. Prefer it to start_job"
                        + " for long runs. Progress notifications are not sent: call watch_job to keep watching."
                        + " Needs write access.",
                new InputSchema(params), out, START, JobControlTools::runWithGuardrails);
    }

    static Map<String, Object> runWithGuardrails(Args args, ToolContext ctx) {
        checkWritable(ctx, "job.start");
        Jobs jobs = new Jobs(ctx.tracking());
        long t0 = System.nanoTime();
        Job started = jobs.start(ctx.actor(), JobArgs.startRequest(args));
        Job j = JobArgs.awaitEndOrWindow(jobs, started.id(), Duration.ofSeconds(args.intValue("monitor_seconds")));
        Obj o = Obj.of().with("job", JobViews.row(j, ctx.tracking().clock().instant()))
                .with("window", j.status().terminal() ? "job_ended" : "monitor_window_complete")
                .with("monitored_seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        if (j.guardrail() != null) {
            o.with("fired", JobViews.guardrail(j.guardrail()));
        }
        jobs.live(j.id()).ifPresent(v -> o.with("live", JobViews.live(v)));
        return o.with("events", jobs.events(j.id(), 20).stream().map(JobViews::event).toList()).with("log_tail",
                jobs.logs(j.id(), 20, null).lines());
    }

    static ToolDef stop() {
        InputSchema in = InputSchema.of(JobArgs.jobId());
        Map<String, Object> out = Schemas.object("the job after the stop request")
                .prop("job", JobViews.JOB_SCHEMA, true)
                .prop("stopping", bool("true: SIGTERM was sent (SIGKILL follows after the grace period)"), true)
                .prop("grace_ms", integer("time between SIGTERM and SIGKILL"), true).build();
        return new ToolDef("stop_job", JOBS, "Stop a job",
                "Stop a running or queued job: SIGTERM to its whole process group, SIGKILL if it is still running"
                        + " after the grace period; a queued job is dropped. The job ends as stopped. Needs write"
                        + " access; refused in read-only mode.",
                in, out, STOP, JobControlTools::stopJob);
    }

    static Map<String, Object> stopJob(Args args, ToolContext ctx) {
        checkWritable(ctx, "job.stop");
        Jobs jobs = new Jobs(ctx.tracking());
        Job j = jobs.stop(ctx.actor(), args.string("job_id"));
        return Obj.of().with("job", JobViews.row(j, ctx.tracking().clock().instant())).with("stopping", true)
                .with("grace_ms", jobs.runner().settings().grace().toMillis());
    }

    static void checkWritable(ToolContext ctx, String action) {
        if (ctx.tracking().readOnly()) {
            throw new ReadOnlyException(action);
        }
    }
}
