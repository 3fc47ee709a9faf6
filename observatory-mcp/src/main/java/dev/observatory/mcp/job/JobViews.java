package dev.observatory.mcp.job;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.job.Jobs;
import dev.observatory.core.job.ResourceSample;
import dev.observatory.core.job.SecretRedactor;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs, specs, guardrail evidence, events and resource samples as tool output, with their schemas. */
final class JobViews {
    static final List<String> STATUSES = Arrays.stream(JobStatus.values()).map(JobStatus::wire).toList();

    static final Map<String, Object> GUARDRAIL_SCHEMA = Schemas.object("the guardrail that fired, with evidence")
            .prop("guardrail", string("nan, oom, stall, divergence or rule"), true)
            .prop("reason", string("what was seen"), true).prop("step", integer("step it was seen at"))
            .prop("lines", array(string(null), "the offending line last, with the lines before it"), true)
            .prop("values", mapOf(Schemas.metricValue("value"), "metric values involved"), true)
            .prop("fired_at", string("ISO-8601"), true)
            .prop("signalled_at", string("ISO-8601 time SIGTERM was sent; absent when not stopped")).build();

    static final Map<String, Object> SPEC_SCHEMA = Schemas.object("what the job runs")
            .prop("argv", array(string(null), "program and arguments"), true).prop("working_dir", string(null), true)
            .prop("env", mapOf(string(null), "added environment, secret values shown as ***"), true)
            .prop("executor", string(null), true).prop("shell", bool("run through /bin/sh -c"), true)
            .prop("target_steps", integer(null)).prop("params", mapOf(string(null), "hyper-parameters"), true)
            .prop("resources", Schemas.anyObject("gpus, gpu_type, cpus, memory_gb"), true)
            .prop("guardrails", Schemas.anyObject("the guardrail settings"), true).build();

    static final Map<String, Object> JOB_SCHEMA = Schemas.object("a job").prop("job_id", string(null), true)
            .prop("name", string(null), true).prop("project", string(null), true)
            .prop("run_id", string("run receiving its metrics"), true)
            .prop("status", Schemas.string(String.join(", ", STATUSES)), true).prop("pid", integer(null))
            .prop("exit_code", integer(null)).prop("created", string("ISO-8601"), true)
            .prop("started", string("ISO-8601")).prop("ended", string("ISO-8601"))
            .prop("duration_seconds", number("wall time so far")).prop("failure", string("failure class"))
            .prop("error_signature", string("normalised error line")).prop("guardrail", GUARDRAIL_SCHEMA)
            .prop("command", string("argv joined, for reading"), true)
            .prop("config", string("stored training config it runs with (validated at start)"))
            .prop("config_version", integer("version of that config")).build();

    static final Map<String, Object> EVENT_SCHEMA = Schemas.object("an event of the job's history")
            .prop("at", string("ISO-8601"), true).prop("kind", string(null), true)
            .prop("severity", string("info, warning or critical"), true).prop("message", string(null), true).build();

    static final Map<String, Object> LIVE_SCHEMA = Schemas.object("what the server sees of the running job")
            .prop("lines", integer("output lines read"), true).prop("points", integer("metric points parsed"), true)
            .prop("last_step", integer(null))
            .prop("latest", mapOf(Schemas.metricValue("value"), "latest value per parsed metric"), true)
            .prop("stop_requested", string("why a stop was asked")).build();

    private JobViews() {
    }

    static Obj row(Job j, Instant now) {
        Obj o = Obj.of().with("job_id", j.id()).with("name", j.name()).with("project", j.project())
                .with("run_id", j.runId()).with("status", j.status().wire()).with("pid", j.pid())
                .with("exit_code", j.exitCode()).with("created", Json.time(j.createdAt()))
                .with("started", time(j.startedAt())).with("ended", time(j.endedAt()))
                .with("duration_seconds", j.startedAt() == null ? null : j.elapsed(now).toMillis() / 1000.0)
                .with("failure", j.failure()).with("error_signature", j.errorSignature())
                .with("command", String.join(" ", j.spec().argv())).with("config", j.configName())
                .with("config_version", j.configVersion());
        if (j.guardrail() != null) {
            o.with("guardrail", guardrail(j.guardrail()));
        }
        o.values().removeIf(v -> v == null);
        return o;
    }

    static Obj guardrail(GuardrailEvent e) {
        Map<String, Object> values = new LinkedHashMap<>();
        e.values().forEach((k, v) -> values.put(k, Json.num(v)));
        Obj o = Obj.of().with("guardrail", e.guardrail()).with("reason", e.reason()).with("step", e.step())
                .with("lines", e.lines()).with("values", values).with("fired_at", Json.time(e.firedAt()))
                .with("signalled_at", time(e.signalledAt()));
        o.values().removeIf(v -> v == null);
        return o;
    }

    static Obj spec(JobSpec s) {
        GuardrailSpec g = s.guardrails();
        Obj guard = Obj.of().with("watch_metrics", g.watchMetrics()).with("stop_on_nan", g.stopOnNan())
                .with("oom_threshold", g.oomThreshold()).with("stall_seconds", g.stallSeconds())
                .with("divergence_factor", g.divergenceFactor()).with("divergence_metric", g.divergenceMetric())
                .with("rules", g.rules().stream().map(GuardrailRule::text).toList())
                .with("stop_on_trigger", g.stopOnTrigger()).with("checkpoint_signal_ms", g.checkpointSignalMs());
        Obj res = Obj.of().with("gpus", s.resources().gpus()).with("gpu_type", s.resources().gpuType())
                .with("cpus", s.resources().cpus()).with("memory_gb", s.resources().memoryGb());
        Obj o = Obj.of().with("argv", s.argv()).with("working_dir", s.workingDir())
                .with("env", SecretRedactor.redactEnv(s.env())).with("executor", s.executor()).with("shell", s.shell())
                .with("target_steps", s.targetSteps()).with("params", s.params()).with("resources", res)
                .with("guardrails", guard);
        o.values().removeIf(v -> v == null);
        return o;
    }

    static Obj event(JobEvent e) {
        return Obj.of().with("at", Json.time(e.at())).with("kind", e.kind()).with("severity", e.severity())
                .with("message", e.message());
    }

    static Obj live(Jobs.LiveView v) {
        Map<String, Object> latest = new LinkedHashMap<>();
        v.latest().forEach((k, x) -> latest.put(k, Json.num(x)));
        Obj o = Obj.of().with("lines", v.lines()).with("points", v.points()).with("last_step", v.lastStep())
                .with("latest", latest).with("stop_requested", v.stopReason());
        o.values().removeIf(x -> x == null);
        return o;
    }

    static final Map<String, Object> SAMPLE_SCHEMA = Schemas.object("resources at one moment")
            .prop("at", string("ISO-8601"), true).prop("processes", integer("processes in the group"), true)
            .prop("cpu_percent", number("percent of one core since the previous sample"))
            .prop("rss_mb", number("resident memory"), true).prop("io_read_mb", number(null))
            .prop("io_write_mb", number(null))
            .prop("gpus", array(Schemas.anyObject("index, name, utilization_percent, memory_used_mb, memory_total_mb"),
                    "absent when nvidia-smi is not installed"))
            .build();

    static Obj sample(ResourceSample s) {
        Obj o = Obj.of().with("at", Json.time(s.at())).with("processes", s.processes())
                .with("cpu_percent", s.cpuPercent() == null ? null : Json.num(s.cpuPercent()))
                .with("rss_mb", Json.num(s.rssBytes() / 1048576.0))
                .with("io_read_mb", s.readBytes() == null ? null : Json.num(s.readBytes() / 1048576.0))
                .with("io_write_mb", s.writeBytes() == null ? null : Json.num(s.writeBytes() / 1048576.0))
                .with("gpus", s.gpus() == null ? null : gpus(s.gpus()));
        o.values().removeIf(x -> x == null);
        return o;
    }

    static List<Obj> gpus(List<ResourceSample.GpuSample> gpus) {
        return gpus.stream()
                .map(g -> Obj.of().with("index", g.index()).with("name", g.name())
                        .with("utilization_percent", g.utilizationPercent()).with("memory_used_mb", g.memoryUsedMb())
                        .with("memory_total_mb", g.memoryTotalMb()))
                .toList();
    }

    private static String time(Instant t) {
        return t == null ? null : Json.time(t);
    }
}
