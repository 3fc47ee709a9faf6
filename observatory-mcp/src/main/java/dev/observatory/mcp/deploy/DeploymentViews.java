package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.deploy.HealthResult;
import dev.observatory.core.job.SecretRedactor;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.deploy.Deployment;
import java.util.Map;

/** JSON views and schemas of deployments and health probes. Secret-looking env values never leave as they are. */
public final class DeploymentViews {
    static final String STATUSES = "pending, starting, healthy, unhealthy, stopped, failed or lost";
    static final Map<String, Object> DEPLOYMENT = Schemas.object("a deployment of a model version")
            .prop("id", string(null), true).prop("model", string(null), true)
            .prop("version", string("version number served"), true).prop("version_id", string("registry id"))
            .prop("environment", string("local or staging"), true).prop("runtime", string("process or docker"), true)
            .prop("template", string("serving template, or command for a given command"), true)
            .prop("command", array(string(null), "the command as run (secret values shown as ***)"), true)
            .prop("port", integer(null), true).prop("endpoint", string("base URL of the served API"), true)
            .prop("health_url", string(null), true).prop("status", string(STATUSES), true)
            .prop("status_message", string("why: health result, exit code with the log tail"))
            .prop("pid", integer("process id while one runs")).prop("restarts", integer(null), true)
            .prop("env", mapOf(string(null), "added environment, secret values shown as ***"), true)
            .prop("created_by", string(null)).prop("created_at", string("ISO-8601"), true)
            .prop("updated_at", string("ISO-8601"), true).build();
    static final Map<String, Object> SUMMARY = Schemas.object("a deployment in a listing")
            .prop("id", string(null), true).prop("model", string(null), true).prop("version", string(null), true)
            .prop("environment", string(null), true).prop("runtime", string(null), true)
            .prop("status", string(STATUSES), true).prop("port", integer(null), true)
            .prop("endpoint", string(null), true).prop("restarts", integer(null), true)
            .prop("created_at", string("ISO-8601"), true).build();
    static final Map<String, Object> PROBE = Schemas.object("one HTTP GET of a health URL")
            .prop("url", string(null), true).prop("ok", bool("answered 2xx"), true)
            .prop("http_status", integer("absent when no answer came")).prop("latency_ms", number(null), true)
            .prop("body", string("start of the body (512 characters at most)")).prop("body_truncated", bool(null), true)
            .prop("error", string("why no answer came")).prop("checked_at", string("ISO-8601"), true).build();

    private DeploymentViews() {
    }

    /** The deployment with env values of secret-looking names and their occurrences in the command masked. */
    public static Obj deployment(Deployment d) {
        SecretRedactor r = new SecretRedactor(d.env());
        return Obj.of().with("id", d.id()).with("model", d.model()).with("version", d.version())
                .with("version_id", d.versionId()).with("environment", d.environment()).with("runtime", d.runtime())
                .with("template", d.template()).with("command", d.argv().stream().map(r::redact).toList())
                .with("port", d.port()).with("endpoint", d.endpoint()).with("health_url", d.healthUrl())
                .with("status", d.status().wire()).with("status_message", d.statusMessage()).with("pid", d.pid())
                .with("restarts", d.restarts()).with("env", SecretRedactor.redactEnv(d.env()))
                .with("created_by", d.createdBy()).with("created_at", d.createdAt().toString())
                .with("updated_at", d.updatedAt().toString());
    }

    static Obj summary(Deployment d) {
        return Obj.of().with("id", d.id()).with("model", d.model()).with("version", d.version())
                .with("environment", d.environment()).with("runtime", d.runtime()).with("status", d.status().wire())
                .with("port", d.port()).with("endpoint", d.endpoint()).with("restarts", d.restarts())
                .with("created_at", d.createdAt().toString());
    }

    public static Obj probe(HealthResult h) {
        return Obj.of().with("url", h.url()).with("ok", h.ok()).with("http_status", h.httpStatus())
                .with("latency_ms", Math.round(h.latencyMs() * 100) / 100.0).with("body", h.body())
                .with("body_truncated", h.bodyTruncated()).with("error", h.error())
                .with("checked_at", h.checkedAt().toString());
    }
}
