package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.model.deploy.Build;
import java.util.Map;

/** JSON views and schemas of builds. */
final class BuildViews {
    static final String STATUSES = "running, succeeded, failed, cancelled or lost";
    static final Map<String, Object> SUMMARY = Schemas.object("a build in a listing").prop("id", string(null), true)
            .prop("name", string("image tag or package name"), true).prop("kind", string("package or docker"), true)
            .prop("status", string(STATUSES), true).prop("duration_ms", integer("so far while running"), true)
            .prop("size_bytes", integer("output size once built")).prop("created_at", string("ISO-8601"), true).build();
    static final Map<String, Object> BUILD = Schemas.object("a build of a serving image or package")
            .prop("id", string(null), true).prop("name", string(null), true).prop("kind", string(null), true)
            .prop("context", string("directory it runs in"), true).prop("template", string("serving template"))
            .prop("command", array(string(null), "the command as run"), true)
            .prop("output", string("produced file, directory or image tag")).prop("status", string(STATUSES), true)
            .prop("status_message", string("outcome: size built, or exit code with the log tail"))
            .prop("exit_code", integer(null)).prop("duration_ms", integer("so far while running"), true)
            .prop("size_bytes", integer("output size once built")).prop("log_path", string(null))
            .prop("created_by", string(null)).prop("created_at", string("ISO-8601"), true)
            .prop("finished_at", string("ISO-8601")).build();

    private BuildViews() {
    }

    static Obj summary(Build b, ToolContext ctx) {
        return Obj.of().with("id", b.id()).with("name", b.name()).with("kind", b.kind())
                .with("status", b.status().wire()).with("duration_ms", duration(b, ctx))
                .with("size_bytes", b.sizeBytes()).with("created_at", b.createdAt().toString());
    }

    static Obj build(Build b, ToolContext ctx) {
        return Obj.of().with("id", b.id()).with("name", b.name()).with("kind", b.kind()).with("context", b.context())
                .with("template", b.template()).with("command", b.argv()).with("output", b.output())
                .with("status", b.status().wire()).with("status_message", b.statusMessage())
                .with("exit_code", b.exitCode()).with("duration_ms", duration(b, ctx)).with("size_bytes", b.sizeBytes())
                .with("log_path", b.logPath()).with("created_by", b.createdBy())
                .with("created_at", b.createdAt().toString())
                .with("finished_at", b.finishedAt() == null ? null : b.finishedAt().toString());
    }

    private static long duration(Build b, ToolContext ctx) {
        return Math.max(0, b.duration(ctx.tracking().clock().instant()).toMillis());
    }
}
