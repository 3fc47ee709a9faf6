package dev.observatory.mcp.deploy;

import dev.observatory.core.deploy.DeployProgress;
import dev.observatory.core.deploy.DeployRequest;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.deploy.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** execute_deployment, stop_deployment, start_deployment and restart_deployment. */
final class DeploymentControlTools {
    /** Starts a process on this host that serves on a port. */
    static final Hints STARTS = new Hints(false, false, false, true);
    /** Ends a running server: destructive, and stopping twice changes nothing more. */
    static final Hints STOPS = new Hints(false, true, true, false);
    static final Hints RESTARTS = new Hints(false, true, false, true);

    private DeploymentControlTools() {
    }

    private static Param id() {
        return Param.string("deployment_id", "Id from list_deployments or execute_deployment.").required().between(1,
                128);
    }

    private static Param waitSeconds() {
        return Param.integer("wait_seconds",
                "How long the call waits for the health URL to answer 2xx (0-600); the deployment keeps starting"
                        + " after it (get_deployment_status follows it).")
                .between(0, 600).defaultsTo(60);
    }

    static ToolDef execute() {
        InputSchema in = InputSchema.of(
                Param.string("version_id", "The registry's version id (or give model and version).").between(1, 100),
                Param.string("model", "Registered model name.").between(1, 256).example("\"audio-model-v3\""),
                Param.string("version", "Version number or alias; latest (default) for the highest-numbered one.")
                        .between(1, 255).example("\"champion\""),
                Param.string("environment", "local or staging (production goes through propose_release_config).")
                        .oneOf(List.of("local", "staging")).defaultsTo("local"),
                Param.string("runtime",
                        "process (a child process here) or docker (the template's image as a container through the Docker"
                                + " Engine API, only where an engine answers).")
                        .oneOf(List.of("process", "docker")).defaultsTo("process"),
                Param.string("template", "Serving template (list_docker_templates): vllm, tgi, triton, custom.")
                        .between(1, 128).example("\"vllm\""),
                Param.strings("command",
                        "Serving command instead of the template's; placeholders {model}, {version}, {model_path},"
                                + " {port}, {gpu_count}, {gpus} are filled in.")
                        .between(1, 256).example("[\"python3\", \"serve.py\", \"--port\", \"{port}\"]"),
                Param.integer("port", "Port to serve on; omitted: a free port is allocated.").between(1, 65_535), Param
                        .scalarMap("env",
                                "Environment variables for the server; values of names containing KEY, TOKEN, SECRET,"
                                        + " PASSWORD, ... are redacted in every output and log line.")
                        .example("{\"CUDA_VISIBLE_DEVICES\": \"0\"}"),
                Param.string("health_path", "Path probed for health (default: the template's, else /health).")
                        .between(1, 512).example("\"/health\""),
                waitSeconds());
        return new ToolDef("execute_deployment", "deploy", "Deploy a model version",
                "Deploy a registered model version on this host (local or staging): runs the template's or the given"
                        + " serving command with the version's path and a port (allocated when not given), then"
                        + " waits for its health URL to answer 2xx, sending progress notifications. Returns the"
                        + " deployment: healthy, unhealthy (no 2xx in time; still running), failed (exited, with the"
                        + " log tail) or starting (the wait ran out). The docker runtime is refused with a clear"
                        + " message when no Docker engine answers; a missing image fails the deployment saying to build or"
                        + " pull it.",
                in, DeploymentViews.DEPLOYMENT, STARTS, DeploymentControlTools::handleExecute);
    }

    static Map<String, Object> handleExecute(Args a, ToolContext ctx) {
        DeployRequest req = new DeployRequest(a.string("version_id"), a.string("model"), a.string("version"),
                a.string("environment"), a.string("runtime"), a.string("template"), a.strings("command"),
                a.has("port") ? a.intValue("port") : null, a.scalarMap("env"), a.string("health_path"),
                Duration.ofSeconds(a.intValue("wait_seconds")));
        try {
            return DeploymentViews.deployment(new Deployments(ctx.tracking()).deploy(ctx.actor(), req, progress(ctx)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the deployment", e);
        }
    }

    static DeployProgress progress(ToolContext ctx) {
        return (done, total, message) -> ctx.progress().report(done, total, message);
    }

    static ToolDef stop() {
        return new ToolDef("stop_deployment", "deploy", "Stop a deployment",
                "Stop a running deployment: SIGTERM to its process group, SIGKILL after the grace period. Returns it"
                        + " stopped; a deployment that already ended is returned as it is.",
                InputSchema.of(id()), DeploymentViews.DEPLOYMENT, STOPS, (a, ctx) -> {
                    try {
                        return DeploymentViews.deployment(
                                new Deployments(ctx.tracking()).stop(ctx.actor(), a.string("deployment_id")));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while stopping", e);
                    }
                });
    }

    static ToolDef start() {
        return new ToolDef("start_deployment", "deploy", "Start a stopped deployment",
                "Start a stopped, failed or lost deployment again with the same command and port, and wait for it"
                        + " to turn healthy as execute_deployment does. Refused while it runs (restart_deployment).",
                InputSchema.of(id(), waitSeconds()), DeploymentViews.DEPLOYMENT, STARTS,
                (a, ctx) -> restartOrStart(a, ctx, false));
    }

    static ToolDef restart() {
        return new ToolDef("restart_deployment", "deploy", "Restart a deployment",
                "Stop a deployment (when it runs) and start it again with the same command and port; waits for it to"
                        + " turn healthy as execute_deployment does.",
                InputSchema.of(id(), waitSeconds()), DeploymentViews.DEPLOYMENT, RESTARTS,
                (a, ctx) -> restartOrStart(a, ctx, true));
    }

    private static Map<String, Object> restartOrStart(Args a, ToolContext ctx, boolean restart) {
        Deployments d = new Deployments(ctx.tracking());
        Duration wait = Duration.ofSeconds(a.intValue("wait_seconds"));
        try {
            Deployment out = restart ? d.restart(ctx.actor(), a.string("deployment_id"), wait, progress(ctx))
                    : d.start(ctx.actor(), a.string("deployment_id"), wait, progress(ctx));
            return DeploymentViews.deployment(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }
}
