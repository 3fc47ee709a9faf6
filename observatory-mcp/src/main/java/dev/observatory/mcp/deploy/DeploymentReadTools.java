package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.job.JobLog;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import java.util.List;
import java.util.Map;

/** list_deployments, get_deployment, get_deployment_status and get_deployment_logs. */
final class DeploymentReadTools {
    private DeploymentReadTools() {
    }

    static Param id() {
        return Param.string("deployment_id", "Id from list_deployments or execute_deployment.").required().between(1,
                128);
    }

    static ToolDef list() {
        InputSchema in = InputSchema.of(Param.string("model", "Only this model.").between(1, 256),
                Param.string("status", "Only this status.")
                        .oneOf(List.of("pending", "starting", "healthy", "unhealthy", "stopped", "failed", "lost")),
                Param.integer("limit", "Most deployments (1-100).").between(1, 100).defaultsTo(20), PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("deployments, newest first")
                .prop("deployments", array(DeploymentViews.SUMMARY, "newest first"), true)
                .prop("total", integer(null), true)).build();
        return new ToolDef("list_deployments", "deploy", "List deployments",
                "Deployments of model versions on this host, newest first, optionally of one model or status:"
                        + " version, environment, runtime, status, port and endpoint. Use it to find the deployment"
                        + " on a port; get_deployment has its command and status message.",
                in, out, Hints.READ_ONLY, DeploymentReadTools::handleList);
    }

    static Map<String, Object> handleList(Args args, ToolContext ctx) {
        Deployments deployments = new Deployments(ctx.tracking());
        DeploymentStatus status = args.has("status") ? DeploymentStatus.parse(args.string("status")) : null;
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        List<Deployment> page = deployments.list(args.string("model"), status, limit + 1, offset);
        long total = deployments.count(args.string("model"), status);
        List<Obj> rows = page.stream().limit(limit).map(DeploymentViews::summary).toList();
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || page.size() > limit;
        return Obj.of().with("deployments", rows.subList(0, n)).with("total", total).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef get() {
        return new ToolDef("get_deployment", "deploy", "Get a deployment",
                "One deployment in full: version, runtime, template, the command as run, port, endpoint, health URL,"
                        + " status with its message (health result, or the exit code and log tail of a failure),"
                        + " restarts and environment (secret values as ***).",
                InputSchema.of(id()), DeploymentViews.DEPLOYMENT, Hints.READ_ONLY, (args, ctx) -> DeploymentViews
                        .deployment(new Deployments(ctx.tracking()).get(args.string("deployment_id"))));
    }

    static ToolDef status() {
        Map<String, Object> out = Schemas.object("the recorded status").prop("id", string(null), true)
                .prop("status", string(DeploymentViews.STATUSES), true).prop("status_message", string(null))
                .prop("process_alive", bool("whether its process runs"), true).prop("endpoint", string(null), true)
                .prop("port", integer(null), true).prop("restarts", integer(null), true)
                .prop("updated_at", string("ISO-8601"), true)
                .prop("container",
                        Schemas.object("docker runtime: the container as the engine reports it now")
                                .prop("id", string(null), true).prop("state", string("running, exited, ..."), true)
                                .prop("exit_code", integer(null)).prop("restart_count", integer(null), true)
                                .prop("oom_killed", bool(null), true).build())
                .build();
        return new ToolDef("get_deployment_status", "deploy", "Get a deployment's status",
                "Quick status of a deployment without probing it: recorded status and message, whether its process"
                        + " (docker: its container, from the engine's inspect) is alive, endpoint and restarts."
                        + " get_deployment_health probes the service.",
                InputSchema.of(id()), out, Hints.READ_ONLY, (args, ctx) -> {
                    Deployments deployments = new Deployments(ctx.tracking());
                    Deployment d = deployments.get(args.string("deployment_id"));
                    var container = deployments.container(d.id());
                    boolean alive = container.isPresent() ? container.get().running()
                            : d.pid() != null && ProcessHandle.of(d.pid()).map(ProcessHandle::isAlive).orElse(false);
                    return Obj.of().with("id", d.id()).with("status", d.status().wire())
                            .with("status_message", d.statusMessage()).with("process_alive", alive)
                            .with("endpoint", d.endpoint()).with("port", d.port()).with("restarts", d.restarts())
                            .with("updated_at", d.updatedAt().toString()).with("container",
                                    container.map(c -> Obj.of().with("id", c.id()).with("state", c.status())
                                            .with("exit_code", c.exitCode()).with("restart_count", c.restartCount())
                                            .with("oom_killed", c.oomKilled())).orElse(null));
                });
    }

    static ToolDef logs() {
        InputSchema in = InputSchema.of(id(),
                Param.integer("lines", "Last lines to return (1-5000).").between(1, Deployments.MAX_LOG_LINES)
                        .defaultsTo(50),
                Param.string("grep", "Only lines matching this regular expression (case-insensitive).").between(1,
                        512));
        Map<String, Object> out = Schemas.object("the end of the deployment's log")
                .prop("deployment_id", string(null), true)
                .prop("lines", array(string(null), "oldest first; secret values shown as ***"), true)
                .prop("matched", integer("lines matching in the whole log"), true)
                .prop("truncated", bool("cut to the output budget")).build();
        return new ToolDef("get_deployment_logs", "deploy", "Get deployment logs",
                "The last lines the deployment's server printed (stdout and stderr, secrets redacted), optionally"
                        + " only those matching a regular expression: the place to look when a deployment failed or"
                        + " is unhealthy.",
                in, out, Hints.READ_ONLY, DeploymentReadTools::handleLogs);
    }

    static Map<String, Object> handleLogs(Args args, ToolContext ctx) {
        String id = args.string("deployment_id");
        JobLog.Tail tail = new Deployments(ctx.tracking()).logs(id, args.intValue("lines"), args.string("grep"));
        List<String> lines = tail.lines();
        Obj base = Obj.of().with("deployment_id", id).with("matched", tail.matched());
        int n = ctx.budget().fit(base, lines);
        List<String> kept = lines.subList(lines.size() - n, lines.size());
        return Obj.of().with("deployment_id", id).with("lines", kept).with("matched", tail.matched()).with("truncated",
                n < lines.size() ? Boolean.TRUE : null);
    }
}
