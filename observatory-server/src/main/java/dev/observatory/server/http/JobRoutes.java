package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.job.JobLog;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.job.SecretRedactor;
import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobResources;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Training jobs over REST: {@code GET /api/v1/jobs} (query project, run_id, status, limit, offset), {@code POST
 * /api/v1/jobs} (start: the spec as JSON, see {@link #spec}, plus config and config_version naming a stored training
 * config that must pass validation, else 400 and nothing starts), {@code GET /api/v1/jobs/{id}} (with spec, secrets
 * redacted, and history), {@code POST /api/v1/jobs/{id}/stop} and {@code GET /api/v1/jobs/{id}/logs} (query lines,
 * grep). Starting and stopping need the write scope (every POST does) and are refused in read-only mode.
 */
final class JobRoutes {
    private final Tracking tracking;

    JobRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("GET", "/api/v1/jobs", this::list);
        r.add("POST", "/api/v1/jobs", this::start);
        r.add("GET", "/api/v1/jobs/{id}", this::get);
        r.add("POST", "/api/v1/jobs/{id}/stop", this::stop);
        r.add("GET", "/api/v1/jobs/{id}/logs", this::logs);
    }

    private void list(Call call) throws IOException {
        call.query().expect(Set.of("project", "run_id", "status", "limit", "offset"));
        String status = call.query().get("status");
        JobQuery q = new JobQuery(call.query().get("project"), call.query().get("run_id"),
                status == null ? Set.of() : Set.of(JobStatus.parse(status)),
                call.query().intValue("limit", 50, 1, Jobs.MAX_PAGE),
                call.query().intValue("offset", 0, 0, Integer.MAX_VALUE));
        Jobs jobs = new Jobs(tracking);
        Instant now = tracking.clock().instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", jobs.list(q).stream().map(j -> view(j, now)).toList());
        out.put("total", jobs.count(q));
        send(call, 200, out);
    }

    private void get(Call call) throws IOException {
        call.query().expect(Set.of());
        Jobs jobs = new Jobs(tracking);
        Job j = jobs.get(call.path("id"));
        Map<String, Object> out = view(j, tracking.clock().instant());
        out.put("spec", spec(j.spec()));
        out.put("events", jobs.events(j.id(), 50).stream().map(e -> Map.of("at", e.at().toString(), "kind", e.kind(),
                "severity", e.severity(), "message", e.message())).toList());
        send(call, 200, out);
    }

    private void start(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode body = call.jsonObject();
        JsonNode version = body.get("config_version");
        if (version != null && !version.isNull() && (!version.canConvertToInt() || !version.isIntegralNumber())) {
            throw HttpError.badRequest("config_version must be an integer version number, e.g. 2");
        }
        Integer configVersion = version == null || version.isNull() ? null : version.asInt();
        if (configVersion != null && text(body, "config") == null) {
            throw HttpError.badRequest("config_version needs config (the name of the stored training config)");
        }
        Job j = new Jobs(tracking).start(call.actor(), new Jobs.StartRequest(text(body, "project"),
                text(body, "run_id"), text(body, "name"), spec(body), text(body, "config"), configVersion));
        send(call, 201, view(j, tracking.clock().instant()));
    }

    private void stop(Call call) throws IOException {
        call.query().expect(Set.of());
        Job j = new Jobs(tracking).stop(call.actor(), call.path("id"));
        send(call, 200, view(j, tracking.clock().instant()));
    }

    private void logs(Call call) throws IOException {
        call.query().expect(Set.of("lines", "grep"));
        JobLog.Tail tail = new Jobs(tracking).logs(call.path("id"),
                call.query().intValue("lines", 100, 1, Jobs.MAX_LOG_LINES), call.query().get("grep"));
        send(call, 200, Map.of("lines", tail.lines(), "matched", tail.matched(), "matched_exact", tail.exact()));
    }

    /**
     * The spec of a POST body: argv (array, required), working_dir (required), env, shell, target_steps, params,
     * resources {gpus, gpu_type, cpus, memory_gb} and guardrails {watch_metrics, stop_on_nan, oom_threshold,
     * stall_seconds, divergence_factor, divergence_metric, rules, stop_on_trigger, checkpoint_signal_ms}.
     */
    static JobSpec spec(JsonNode b) {
        JsonNode argv = b.get("argv");
        if (argv == null || !argv.isArray() || argv.isEmpty()) {
            throw HttpError.badRequest("argv must be a non-empty array of strings, e.g. [\"python3\", \"train.py\"]");
        }
        List<String> args = new ArrayList<>();
        argv.forEach(a -> args.add(a.asString()));
        JsonNode r = b.path("resources");
        JsonNode g = b.path("guardrails");
        GuardrailSpec d = GuardrailSpec.defaults();
        List<GuardrailRule> rules = new ArrayList<>();
        g.path("rules").forEach(x -> rules.add(GuardrailRule.parse(x.asString())));
        List<String> watch = new ArrayList<>();
        g.path("watch_metrics").forEach(x -> watch.add(x.asString()));
        GuardrailSpec guard = new GuardrailSpec(watch, g.path("stop_on_nan").asBoolean(d.stopOnNan()),
                g.path("oom_threshold").asInt(d.oomThreshold()), g.path("stall_seconds").asLong(d.stallSeconds()),
                g.path("divergence_factor").asDouble(d.divergenceFactor()),
                g.path("divergence_metric").asString(d.divergenceMetric()), d.divergenceWarmup(), rules,
                g.path("stop_on_trigger").asBoolean(true), g.path("checkpoint_signal_ms").asLong(0));
        JobResources res = new JobResources(r.path("gpus").asInt(0), text(r, "gpu_type"), r.path("cpus").asDouble(1),
                r.path("memory_gb").asDouble(1));
        Long target = b.hasNonNull("target_steps") ? b.get("target_steps").asLong() : null;
        return new JobSpec(args, text(b, "working_dir"), strings(b.path("env")), "local", res,
                b.path("shell").asBoolean(false), target, strings(b.path("params")), guard);
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> m = new LinkedHashMap<>();
        obj.properties().forEach(e -> m.put(e.getKey(), e.getValue().asString()));
        return m;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    static Map<String, Object> view(Job j, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.id());
        m.put("name", j.name());
        m.put("project", j.project());
        m.put("run_id", j.runId());
        m.put("status", j.status().wire());
        m.put("pid", j.pid());
        m.put("exit_code", j.exitCode());
        m.put("created", j.createdAt().toString());
        m.put("started", j.startedAt() == null ? null : j.startedAt().toString());
        m.put("ended", j.endedAt() == null ? null : j.endedAt().toString());
        m.put("duration_seconds", j.startedAt() == null ? null : j.elapsed(now).toMillis() / 1000.0);
        m.put("failure", j.failure());
        m.put("error_signature", j.errorSignature());
        m.put("guardrail", j.guardrail() == null ? null : guardrail(j.guardrail()));
        m.put("config", j.configName());
        m.put("config_version", j.configVersion());
        m.values().removeIf(v -> v == null);
        return m;
    }

    private static Map<String, Object> guardrail(GuardrailEvent e) {
        Map<String, Object> values = new LinkedHashMap<>();
        e.values().forEach((k, v) -> values.put(k, Double.isFinite(v) ? v : String.valueOf(v)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("guardrail", e.guardrail());
        m.put("reason", e.reason());
        m.put("step", e.step());
        m.put("lines", e.lines());
        m.put("values", values);
        m.put("fired_at", e.firedAt().toString());
        m.put("signalled_at", e.signalledAt() == null ? null : e.signalledAt().toString());
        m.values().removeIf(v -> v == null);
        return m;
    }

    private static Map<String, Object> spec(JobSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("argv", s.argv());
        m.put("working_dir", s.workingDir());
        m.put("env", SecretRedactor.redactEnv(s.env()));
        m.put("shell", s.shell());
        m.put("target_steps", s.targetSteps());
        m.put("params", s.params());
        m.put("resources", Map.of("gpus", s.resources().gpus(), "cpus", s.resources().cpus(), "memory_gb",
                s.resources().memoryGb()));
        m.values().removeIf(v -> v == null);
        return m;
    }

    private static void send(Call call, int status, Object body) throws IOException {
        call.bytes(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }
}
