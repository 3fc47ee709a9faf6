package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.deploy.ApiDiscovery;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.deploy.HealthResult;
import dev.observatory.core.deploy.SystemHealth;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.deploy.Deployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** get_deployment_health, health_check and discover_api_spec: active probes (they send requests, store nothing). */
final class HealthTools {
    /** Sends GET requests to a service; changes nothing. */
    static final Hints PROBES = new Hints(true, false, true, true);

    private HealthTools() {
    }

    private static Param timeout() {
        return Param.number("timeout_seconds", "Per-request timeout (0.1-60).").between(0.1, 60).defaultsTo(5.0);
    }

    private static Duration timeout(Args a) {
        return Duration.ofMillis(Math.round(a.number("timeout_seconds") * 1000));
    }

    static ToolDef deploymentHealth() {
        Map<String, Object> out = Schemas.object("a deployment's health, probed now")
                .prop("deployment_id", string(null), true).prop("status", string(DeploymentViews.STATUSES), true)
                .prop("healthy", bool("the probe answered 2xx"), true).prop("probe", DeploymentViews.PROBE, true)
                .build();
        return new ToolDef("get_deployment_health", "deploy", "Probe a deployment's health",
                "Active health check of a deployment: GET its health URL now and report the HTTP status, latency and"
                        + " the start of the body (or why no answer came), with its recorded status. Use"
                        + " get_deployment_logs next when it fails.",
                InputSchema.of(DeploymentReadTools.id(), timeout()), out, PROBES, (a, ctx) -> {
                    Deployments d = new Deployments(ctx.tracking());
                    Deployment dep = d.get(a.string("deployment_id"));
                    HealthResult h = d.health(dep.id(), timeout(a));
                    return Obj.of().with("deployment_id", dep.id()).with("status", dep.status().wire())
                            .with("healthy", h.ok()).with("probe", DeploymentViews.probe(h));
                });
    }

    static ToolDef healthCheck() {
        InputSchema in = InputSchema
                .of(Param.string("deployment_id", "Probe this deployment's health URL.").between(1, 128), Param
                        .string("url",
                                "Probe this URL (http/https; loopback or a host in benchmark_allowed_hosts; never"
                                        + " link-local or metadata addresses).")
                        .between(1, 2048).example("\"http://127.0.0.1:8000/health\""), timeout());
        Map<String, Object> check = Schemas.object("one part of the server")
                .prop("name", string("store, blob_store, job_executor, deployment_runtime, docker, release_repo"), true)
                .prop("status", string("ok, disabled or down"), true).prop("detail", string(null), true).build();
        Map<String, Object> out = Schemas.object("health of a target or of the server")
                .prop("target", string("deployment, url or system"), true)
                .prop("healthy", bool("2xx answer, or no part of the server down"), true)
                .prop("deployment_id", string(null)).prop("probe", DeploymentViews.PROBE)
                .prop("checks", array(check, "server parts (target system)")).build();
        return new ToolDef("health_check", "deploy", "Check health",
                "Health of a deployment (deployment_id) or of any allowed URL (url): one GET with HTTP status,"
                        + " latency and the start of the body. Without either, the health of this server: store,"
                        + " blob store, job executor, deployment runtime, docker and release repository, each ok,"
                        + " disabled or down.",
                in, out, PROBES, HealthTools::handleHealthCheck);
    }

    static Map<String, Object> handleHealthCheck(Args a, ToolContext ctx) {
        Deployments d = new Deployments(ctx.tracking());
        if (a.has("deployment_id") && a.has("url")) {
            throw new IllegalArgumentException("give deployment_id or url, not both");
        }
        if (a.has("deployment_id") || a.has("url")) {
            boolean byId = a.has("deployment_id");
            HealthResult h = byId ? d.health(a.string("deployment_id"), timeout(a))
                    : d.probe(a.string("url"), timeout(a));
            return Obj.of().with("target", byId ? "deployment" : "url").with("healthy", h.ok())
                    .with("deployment_id", a.string("deployment_id")).with("probe", DeploymentViews.probe(h));
        }
        List<SystemHealth.Check> checks = SystemHealth.check(ctx.tracking());
        return Obj.of().with("target", "system")
                .with("healthy", checks.stream().noneMatch(c -> c.status().equals("down")))
                .with("checks", checks.stream()
                        .map(c -> Obj.of().with("name", c.name()).with("status", c.status()).with("detail", c.detail()))
                        .toList());
    }

    static ToolDef discover() {
        InputSchema in = InputSchema.of(Param.string("deployment_id", "Probe this deployment.").between(1, 128),
                Param.string("url", "Probe this base URL (same rules as health_check).").between(1, 2048)
                        .example("\"http://127.0.0.1:8000\""),
                timeout());
        Map<String, Object> out = Schemas.object("what the service speaks").prop("base_url", string(null), true)
                .prop("api", string("openai (OpenAI-compatible), tgi, triton or custom"), true)
                .prop("evidence", array(string(null), "why"), true)
                .prop("probes", mapOf(DeploymentViews.PROBE, "path -> result"), true).build();
        return new ToolDef("discover_api_spec", "deploy", "Discover a service's API",
                "Probe a deployment's (or an allowed URL's) /openapi.json, /docs, /v1/models, /health, /metrics,"
                        + " /info and /v2/health/ready and report what it speaks: OpenAI-compatible, TGI, Triton or"
                        + " custom, with the evidence and each probe's status and body start. Tells run_benchmark"
                        + " which path and payload to use.",
                in, out, PROBES, (a, ctx) -> {
                    ApiDiscovery.Discovery found = new Deployments(ctx.tracking()).discover(a.string("deployment_id"),
                            a.string("url"), timeout(a));
                    Map<String, Object> probes = new LinkedHashMap<>();
                    found.probes().forEach((path, r) -> probes.put(path, DeploymentViews.probe(r)));
                    return Obj.of().with("base_url", found.baseUrl()).with("api", found.api())
                            .with("evidence", found.evidence()).with("probes", probes);
                });
    }
}
