package dev.observatory.mcp.job;

import static dev.observatory.mcp.job.JobArgs.JOBS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.job.JobLog;
import dev.observatory.core.job.Jobs;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** list_jobs (also in core), get_job_status, get_job_logs and watch_job. */
final class JobQueryTools {
    private JobQueryTools() {
    }

    static ToolDef list() {
        InputSchema in = InputSchema.of(
                Param.string("project", "Only jobs of this project.").between(1, 100).example("\"vision\""),
                Param.string("run_id", "Only jobs feeding this run.").between(1, 100).example("\"3f9a1c2b7d4e5f60\""),
                Param.strings("status", "Only these statuses: " + String.join(", ", JobViews.STATUSES) + ".")
                        .example("[\"running\", \"pending\"]"),
                Param.integer("limit", "Most jobs per page.").between(1, Jobs.MAX_PAGE).defaultsTo(50),
                PageCursor.param());
        Map<String, Object> out = Schemas.paged(
                Schemas.object("jobs, newest first").prop("jobs", array(JobViews.JOB_SCHEMA, "newest first"), true)
                        .prop("total", integer("jobs matching the filters"), true))
                .build();
        return new ToolDef("list_jobs", JOBS, "List training jobs",
                "List training jobs started on this server, newest first, with status, exit code, duration,"
                        + " failure class and the guardrail that stopped them; filter by project, run or status"
                        + " (e.g. running). get_job_status shows one in depth.",
                in, out, Hints.READ_ONLY, JobQueryTools::listJobs).listedAlsoIn(Toolsets.CORE);
    }

    static Map<String, Object> listJobs(Args args, ToolContext ctx) {
        Jobs jobs = new Jobs(ctx.tracking());
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        Set<JobStatus> statuses = args.strings("status").stream().map(JobStatus::parse)
                .collect(java.util.stream.Collectors.toSet());
        JobQuery q = new JobQuery(args.string("project"), args.string("run_id"), statuses, limit + 1, offset);
        List<Job> found = jobs.list(q);
        Instant now = ctx.tracking().clock().instant();
        List<Obj> rows = found.stream().limit(limit).map(j -> JobViews.row(j, now)).toList();
        long total = jobs.count(q);
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || found.size() > limit;
        return Obj.of().with("jobs", rows.subList(0, n)).with("total", total).with("truncated", more)
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef status() {
        InputSchema in = InputSchema.of(JobArgs.jobId(), Param
                .integer("events", "How many of the latest history events to include.").between(1, 200).defaultsTo(20));
        Map<String, Object> out = Schemas.object("one job in depth").prop("job", JobViews.JOB_SCHEMA, true)
                .prop("spec", JobViews.SPEC_SCHEMA, true).prop("running_here", bool("the server monitors it now"), true)
                .prop("live", JobViews.LIVE_SCHEMA)
                .prop("events", array(JobViews.EVENT_SCHEMA, "latest history, oldest first"), true).build();
        return new ToolDef("get_job_status", JOBS, "Get a job's status",
                "Get one job: status, exit code, times, the guardrail that fired with its evidence (lines, values,"
                        + " step), failure class and error signature, its spec (secrets redacted), the latest parsed"
                        + " metrics while it runs, and its event history (starts, alerts, signals).",
                in, out, Hints.READ_ONLY, JobQueryTools::getStatus);
    }

    static Map<String, Object> getStatus(Args args, ToolContext ctx) {
        Jobs jobs = new Jobs(ctx.tracking());
        Job j = jobs.get(args.string("job_id"));
        Obj o = Obj.of().with("job", JobViews.row(j, ctx.tracking().clock().instant())).with("spec",
                JobViews.spec(j.spec()));
        var live = jobs.live(j.id());
        o.with("running_here", live.isPresent());
        live.ifPresent(v -> o.with("live", JobViews.live(v)));
        return o.with("events", jobs.events(j.id(), args.intValue("events")).stream().map(JobViews::event).toList());
    }

    static ToolDef logs() {
        InputSchema in = InputSchema.of(JobArgs.jobId(),
                Param.integer("lines", "How many of the last (matching) lines.").between(1, Jobs.MAX_LOG_LINES)
                        .defaultsTo(100),
                Param.string("grep", "Only lines matching this regular expression (case-insensitive).").between(1, 200)
                        .example("\"error|nan\""));
        Map<String, Object> out = Schemas.object("the end of the job's log")
                .prop("lines", array(string(null), "oldest first, secrets redacted"), true)
                .prop("matched",
                        integer("lines that matched in the whole log (rotated files included); a lower bound when"
                                + " matched_exact is false"),
                        true)
                .prop("matched_exact",
                        bool("false when the count stopped early: the log is read backwards and counting ends after"
                                + " the page plus " + (JobLog.COUNT_SCAN_BYTES >> 20) + " MiB (at most "
                                + (JobLog.MAX_SCAN_BYTES >> 20) + " MiB in all), so matched means 'at least'"),
                        true)
                .prop("truncated", bool("true when fewer lines than matched are shown"), true).build();
        return new ToolDef("get_job_logs", JOBS, "Get a job's log",
                "Get the last lines of a job's captured stdout/stderr (rotated files included), optionally only"
                        + " those matching a regular expression; secrets are redacted. Bounded by lines and the"
                        + " output budget; the log is read from its end, so a huge log answers quickly and the match"
                        + " count may be a lower bound (matched_exact false).",
                in, out, Hints.READ_ONLY, JobQueryTools::getLogs);
    }

    static Map<String, Object> getLogs(Args args, ToolContext ctx) {
        JobLog.Tail tail = new Jobs(ctx.tracking()).logs(args.string("job_id"), args.intValue("lines"),
                args.string("grep"));
        List<String> lines = tail.lines();
        int n = ctx.budget().fit(Obj.of().with("matched", tail.matched()), lines.reversed());
        List<String> shown = lines.subList(lines.size() - n, lines.size());
        return Obj.of().with("lines", shown).with("matched", tail.matched()).with("matched_exact", tail.exact())
                .with("truncated", shown.size() < tail.matched() || !tail.exact());
    }

    static ToolDef watch() {
        InputSchema in = InputSchema.of(JobArgs.jobId(),
                Param.integer("wait_seconds", "Wait up to this long for the job to end before answering.")
                        .between(0, 120).defaultsTo(10),
                Param.integer("tail", "Log lines to include.").between(0, 200).defaultsTo(20));
        Map<String, Object> out = Schemas.object("the job after waiting").prop("job", JobViews.JOB_SCHEMA, true)
                .prop("ended", bool("it ended (now or before)"), true).prop("live", JobViews.LIVE_SCHEMA)
                .prop("alerts", array(JobViews.EVENT_SCHEMA, "guardrail alerts and signals so far"), true)
                .prop("log_tail", array(string(null), "last log lines"), true).build();
        return new ToolDef("watch_job", JOBS, "Watch a job",
                "Watch a job for up to wait_seconds: answers as soon as it ends, else when the wait is over, with"
                        + " its status, latest metrics and step, alerts and signals so far, and the log tail. Call"
                        + " it repeatedly to follow a long run.",
                in, out, Hints.READ_ONLY, JobQueryTools::watchJob);
    }

    static Map<String, Object> watchJob(Args args, ToolContext ctx) {
        Jobs jobs = new Jobs(ctx.tracking());
        Job j = JobArgs.awaitEndOrWindow(jobs, args.string("job_id"),
                Duration.ofSeconds(args.intValue("wait_seconds")));
        Obj o = Obj.of().with("job", JobViews.row(j, ctx.tracking().clock().instant())).with("ended",
                j.status().terminal());
        jobs.live(j.id()).ifPresent(v -> o.with("live", JobViews.live(v)));
        int tail = args.intValue("tail");
        return o.with("alerts",
                jobs.events(j.id(), 200).stream().filter(e -> e.kind().equals("alert") || e.kind().equals("signal"))
                        .map(JobViews::event).toList())
                .with("log_tail", tail == 0 ? List.of() : jobs.logs(j.id(), tail, null).lines());
    }
}
