package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.deploy.BuildRequest;
import dev.observatory.core.deploy.Builds;
import dev.observatory.core.deploy.DiskUsage;
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
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * list_docker_builds, get_docker_build, get_docker_build_logs, trigger_docker_build, cancel_docker_build and
 * get_docker_disk_usage.
 */
final class BuildTools {
    private BuildTools() {
    }

    private static Param id() {
        return Param.string("build_id", "Id from list_docker_builds or trigger_docker_build.").required().between(1,
                128);
    }

    static ToolDef list() {
        InputSchema in = InputSchema.of(
                Param.string("name", "Only builds of this image tag or package name.").between(1, 200),
                Param.string("status", "Only this status.")
                        .oneOf(List.of("running", "succeeded", "failed", "cancelled", "lost")),
                Param.integer("limit", "Most builds (1-100).").between(1, 100).defaultsTo(20), PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("builds, newest first")
                .prop("builds", array(BuildViews.SUMMARY, "newest first"), true).prop("total", integer(null), true))
                .build();
        return new ToolDef("list_docker_builds", "deploy", "List builds",
                "Builds of serving images and packages, newest first, optionally of one name or status: kind, status,"
                        + " duration and output size. get_docker_build has the command and the failure message.",
                in, out, Hints.READ_ONLY, BuildTools::handleList);
    }

    static Map<String, Object> handleList(Args args, ToolContext ctx) {
        Builds builds = new Builds(ctx.tracking());
        BuildStatus status = args.has("status") ? BuildStatus.parse(args.string("status")) : null;
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        List<Build> page = builds.list(args.string("name"), status, limit + 1, offset);
        long total = builds.count(args.string("name"), status);
        List<Obj> rows = page.stream().limit(limit).map(b -> BuildViews.summary(b, ctx)).toList();
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || page.size() > limit;
        return Obj.of().with("builds", rows.subList(0, n)).with("total", total).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef get() {
        return new ToolDef("get_docker_build", "deploy", "Get a build",
                "One build in full: kind, context, template, the command as run, status with its message (the exit"
                        + " code and log tail of a failure), duration, output and its size.",
                InputSchema.of(id()), BuildViews.BUILD, Hints.READ_ONLY,
                (args, ctx) -> BuildViews.build(new Builds(ctx.tracking()).get(args.string("build_id")), ctx));
    }

    static ToolDef logs() {
        InputSchema in = InputSchema.of(id(),
                Param.integer("lines", "Last lines to return (1-5000).").between(1, 5_000).defaultsTo(100),
                Param.string("grep", "Only lines matching this regular expression (case-insensitive).").between(1,
                        512));
        Map<String, Object> out = Schemas.object("the end of the build's log").prop("build_id", string(null), true)
                .prop("lines", array(string(null), "oldest first; secret values shown as ***"), true)
                .prop("matched", integer("lines matching in the whole log"), true)
                .prop("truncated", bool("cut to the output budget")).build();
        return new ToolDef("get_docker_build_logs", "deploy", "Get build logs",
                "The last lines a build's command printed (stdout and stderr, secrets redacted), optionally only"
                        + " those matching a regular expression: where to look when a build failed.",
                in, out, Hints.READ_ONLY, BuildTools::handleLogs);
    }

    static Map<String, Object> handleLogs(Args args, ToolContext ctx) {
        String id = args.string("build_id");
        JobLog.Tail tail = new Builds(ctx.tracking()).logs(id, args.intValue("lines"), args.string("grep"));
        List<String> lines = tail.lines();
        int n = ctx.budget().fit(Obj.of().with("build_id", id).with("matched", tail.matched()), lines);
        return Obj.of().with("build_id", id).with("lines", lines.subList(lines.size() - n, lines.size()))
                .with("matched", tail.matched()).with("truncated", n < lines.size() ? Boolean.TRUE : null);
    }

    static ToolDef trigger() {
        InputSchema in = InputSchema.of(
                Param.string("name", "Image tag or package name, e.g. tiny-server:1.").required().between(1, 200)
                        .example("\"audio-model-v3:7\""),
                Param.string("context", "Existing directory the build runs in (the docker build context).").required()
                        .between(1, 4096).example("\"/srv/models/audio-model-v3\""),
                Param.string("kind",
                        "package: run command (e.g. a script packing a model server); docker: an image build of the"
                                + " context through the Docker Engine API (.dockerignore honoured), only where an engine"
                                + " answers.")
                        .oneOf(List.of("package", "docker")).defaultsTo("package"),
                Param.strings("command", "The build command (package builds).").between(1, 256)
                        .example("[\"sh\", \"package.sh\", \"dist/server.tar.gz\"]"),
                Param.string("dockerfile", "Dockerfile relative to the context (docker builds).").between(1, 1024),
                Param.string("template", "Serving template the build is for (list_docker_templates).").between(1, 128),
                Param.string("output", "Produced file or directory relative to the context; its size is recorded.")
                        .between(1, 1024).example("\"dist/server.tar.gz\""),
                Param.scalarMap("env", "Environment for the command; secret-looking values are redacted in the log."),
                Param.integer("wait_seconds", "How long the call waits for the build to end (0-600); it keeps running"
                        + " after that (get_docker_build follows it).").between(0, 600).defaultsTo(120));
        return new ToolDef("trigger_docker_build", "deploy", "Start a build",
                "Build a serving image or package: runs the command in the context directory through the local"
                        + " executor, or for kind docker sends the context to the Docker Engine API's build (refused"
                        + " with the reason where no engine answers; env is not passed to docker builds), logs its"
                        + " output as it arrives and records status, exit code, duration and output or image size."
                        + " Returns the build when it ended or the wait ran out.",
                in, BuildViews.BUILD, DeploymentControlTools.STARTS, BuildTools::handleTrigger);
    }

    static Map<String, Object> handleTrigger(Args a, ToolContext ctx) {
        BuildRequest req = new BuildRequest(a.string("name"), a.string("kind"), a.string("context"),
                a.strings("command"), a.string("dockerfile"), a.string("template"), a.string("output"),
                a.scalarMap("env"), Duration.ofSeconds(a.intValue("wait_seconds")));
        try {
            return BuildViews.build(new Builds(ctx.tracking()).trigger(ctx.actor(), req), ctx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the build", e);
        }
    }

    static ToolDef cancel() {
        InputSchema in = InputSchema.of(id(), Param.bool("confirm",
                "Must be true to cancel: ask the user first. Without it nothing is stopped and the answer says what"
                        + " would be.")
                .defaultsTo(false));
        return new ToolDef("cancel_docker_build", "deploy", "Cancel a running build",
                "Stop a running build: SIGTERM to its process group, SIGKILL after the grace period (a docker build"
                        + " through the Engine API: its request is closed, which makes the engine cancel it); it is"
                        + " recorded as cancelled. A build that already ended is returned as it is. Confirm with the user,"
                        + " then call with confirm=true (a client that supports elicitation is asked by the server).",
                in, BuildViews.BUILD, new Hints(false, true, true, false), BuildTools::handleCancel);
    }

    static Map<String, Object> handleCancel(Args a, ToolContext ctx) {
        Builds builds = new Builds(ctx.tracking());
        String id = a.string("build_id");
        if (!a.bool("confirm")) {
            Build b = builds.get(id);
            throw new IllegalArgumentException("cancel_docker_build would stop " + b.status().wire() + " build " + id
                    + " (" + b.kind() + " " + b.name() + "): ask the user, then call again with confirm=true");
        }
        try {
            return BuildViews.build(builds.cancel(ctx.actor(), id), ctx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cancelling the build", e);
        }
    }

    static ToolDef diskUsage() {
        Map<String, Object> entry = Schemas.object("one place").prop("name", string(null), true)
                .prop("path", string("directory, or the store kind")).prop("bytes", integer("-1: unknown"), true)
                .prop("description", string(null), true).build();
        Map<String, Object> out = Schemas.object("disk used by builds and deployments")
                .prop("entries", array(entry, "build logs and outputs, deployment work and logs, store"), true)
                .prop("total_bytes", integer(null), true)
                .prop("docker_available", bool("whether a docker engine answered"), true)
                .prop("docker_unavailable_reason", string(null))
                .prop("docker_system_df",
                        array(string(null), "the engine's disk usage (GET /system/df), one JSON row per"
                                + " type: Type, TotalCount, SizeBytes"))
                .build();
        return new ToolDef("get_docker_disk_usage", "deploy", "Get build and deployment disk usage",
                "Disk used on this host by builds (logs, recorded output sizes), deployments (working directories,"
                        + " logs) and the store; plus the Docker engine's own usage (system df) where one answers (without one,"
                        + " says why). For the artifact storage use get_storage_usage.",
                InputSchema.of(), out, Hints.READ_ONLY, (a, ctx) -> {
                    DiskUsage u = new Builds(ctx.tracking()).diskUsage();
                    return Obj.of()
                            .with("entries", u.entries().stream()
                                    .map(e -> Obj.of().with("name", e.name()).with("path", e.path())
                                            .with("bytes", e.bytes()).with("description", e.description()))
                                    .toList())
                            .with("total_bytes", u.totalBytes()).with("docker_available", u.dockerUnavailable() == null)
                            .with("docker_unavailable_reason", u.dockerUnavailable())
                            .with("docker_system_df", u.dockerDf().isEmpty() ? null : u.dockerDf());
                });
    }
}
