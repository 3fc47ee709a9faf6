package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.deploy.DeployProgress;
import dev.observatory.core.deploy.DeployRequest;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.job.JobLog;
import dev.observatory.mcp.deploy.DeploymentViews;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Deployments over REST: {@code GET /api/v1/deployments} (query model, status, limit, offset), {@code POST
 * /api/v1/deployments} (deploy: version_id or model + version, environment, runtime, template or command, port, env,
 * health_path, wait_seconds), {@code GET /api/v1/deployments/{id}}, {@code POST .../{id}/stop}, {@code .../{id}/start}
 * and {@code .../{id}/restart} (query wait_seconds), {@code GET .../{id}/health} (active probe) and {@code GET
 * .../{id}/logs} (query lines, grep). Env values of secret-looking names are shown as ***. Writes need the write scope
 * and are refused in read-only mode.
 */
final class DeploymentRoutes {
    private final Tracking tracking;

    DeploymentRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("GET", "/api/v1/deployments", this::list);
        r.add("POST", "/api/v1/deployments", this::deploy);
        r.add("GET", "/api/v1/deployments/{id}", this::get);
        r.add("POST", "/api/v1/deployments/{id}/stop", this::stop);
        r.add("POST", "/api/v1/deployments/{id}/start", call -> start(call, false));
        r.add("POST", "/api/v1/deployments/{id}/restart", call -> start(call, true));
        r.add("GET", "/api/v1/deployments/{id}/health", this::health);
        r.add("GET", "/api/v1/deployments/{id}/logs", this::logs);
    }

    private void list(Call call) throws IOException {
        call.query().expect(Set.of("model", "status", "limit", "offset"));
        String s = call.query().get("status");
        DeploymentStatus status = s == null ? null : DeploymentStatus.parse(s);
        Deployments d = new Deployments(tracking);
        String model = call.query().get("model");
        List<Deployment> page = d.list(model, status, call.query().intValue("limit", 50, 1, Deployments.MAX_PAGE),
                call.query().intValue("offset", 0, 0, Integer.MAX_VALUE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deployments", page.stream().map(DeploymentViews::deployment).toList());
        out.put("total", d.count(model, status));
        send(call, 200, out);
    }

    private void get(Call call) throws IOException {
        call.query().expect(Set.of());
        send(call, 200, DeploymentViews.deployment(new Deployments(tracking).get(call.path("id"))));
    }

    private void deploy(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode b = call.jsonObject();
        List<String> command = new ArrayList<>();
        JsonNode cmd = b.path("command");
        if (!cmd.isMissingNode() && !cmd.isNull() && !cmd.isArray()) {
            throw HttpError.badRequest("command must be an array of strings, e.g. [\"python3\", \"serve.py\"]");
        }
        cmd.forEach(a -> command.add(a.asString()));
        Map<String, String> env = new LinkedHashMap<>();
        b.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        DeployRequest req = new DeployRequest(text(b, "version_id"), text(b, "model"), text(b, "version"),
                text(b, "environment"), text(b, "runtime"), text(b, "template"), command,
                b.hasNonNull("port") ? b.get("port").asInt() : null, env, text(b, "health_path"),
                Duration.ofSeconds(b.path("wait_seconds").asInt(60)));
        try {
            send(call, 201, DeploymentViews
                    .deployment(new Deployments(tracking).deploy(call.actor(), req, DeployProgress.NONE)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deploying", e);
        }
    }

    private void stop(Call call) throws IOException {
        call.query().expect(Set.of());
        try {
            send(call, 200, DeploymentViews.deployment(new Deployments(tracking).stop(call.actor(), call.path("id"))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping", e);
        }
    }

    private void start(Call call, boolean restart) throws IOException {
        call.query().expect(Set.of("wait_seconds"));
        Duration wait = Duration.ofSeconds(call.query().intValue("wait_seconds", 60, 0, 600));
        Deployments d = new Deployments(tracking);
        try {
            Deployment out = restart ? d.restart(call.actor(), call.path("id"), wait, DeployProgress.NONE)
                    : d.start(call.actor(), call.path("id"), wait, DeployProgress.NONE);
            send(call, 200, DeploymentViews.deployment(out));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
    }

    private void health(Call call) throws IOException {
        call.query().expect(Set.of());
        send(call, 200,
                DeploymentViews.probe(new Deployments(tracking).health(call.path("id"), Duration.ofSeconds(5))));
    }

    private void logs(Call call) throws IOException {
        call.query().expect(Set.of("lines", "grep"));
        JobLog.Tail tail = new Deployments(tracking).logs(call.path("id"),
                call.query().intValue("lines", 100, 1, Deployments.MAX_LOG_LINES), call.query().get("grep"));
        send(call, 200, Map.of("lines", tail.lines(), "matched", tail.matched()));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static void send(Call call, int status, Object body) throws IOException {
        call.bytes(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }
}
