package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.AuditLog;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** get_audit_logs: the audit trail of every write, filtered and paged (toolset admin, also listed in deploy). */
final class AuditTools {
    private AuditTools() {
    }

    static ToolDef auditLogs() {
        InputSchema in = InputSchema.of(
                Param.string("actor", "Only events of this API key name (or anonymous, cli, demo).").between(1, 128)
                        .example("\"ci-bot\""),
                Param.string("action",
                        "Action or action prefix, e.g. deployment. (every deployment change),"
                                + " build.trigger, release.propose, model.delete.")
                        .between(1, 128).example("\"deployment.\""),
                Param.string("entity", "Text the target contains: deployment/<id>, build/<id>, run/<id>, model/<name>.")
                        .between(1, 256).example("\"deployment/\""),
                Param.string("since", "Only events at or after this ISO-8601 instant.").between(1, 64)
                        .example("\"2025-06-01T00:00:00Z\""),
                Param.string("until", "Only events before this ISO-8601 instant.").between(1, 64),
                Param.integer("limit", "Most events (1-500).").between(1, AuditLog.MAX_PAGE).defaultsTo(50),
                Param.string("cursor", "next_cursor of the previous page.").between(1, 32));
        Map<String, Object> event = Schemas.object("one audited write").prop("id", integer(null), true)
                .prop("at", string("ISO-8601"), true).prop("actor", string("API key name"), true)
                .prop("surface", string("rest, mcp, cli, mlflow, bridge"), true)
                .prop("action", string("dotted verb such as deployment.create"), true).prop("target", string(null))
                .prop("detail", string("summary without secrets")).build();
        Map<String, Object> out = Schemas
                .paged(Schemas.object("audit events, newest first").prop("events", array(event, "newest first"), true)
                        .prop("scanned", integer("events looked at for this page"), true))
                .build();
        return new ToolDef("get_audit_logs", "admin", "Get audit logs",
                "The audit trail: every write from every surface (REST, MCP, CLI, MLflow) with actor, action, target"
                        + " and a secret-free summary, newest first, filtered by actor, action prefix, entity and"
                        + " time. Use it to answer who deployed, stopped, built or proposed what, and when.",
                in, out, Hints.READ_ONLY, AuditTools::handle).listedAlsoIn("deploy");
    }

    static Map<String, Object> handle(Args a, ToolContext ctx) {
        Long before = null;
        if (a.has("cursor")) {
            try {
                before = Long.parseLong(a.string("cursor"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor must be the next_cursor of a previous page");
            }
        }
        AuditLog.Page page = new AuditLog(ctx.tracking())
                .read(new AuditLog.Filter(a.string("actor"), a.string("action"), a.string("entity"), a.instant("since"),
                        a.instant("until"), before, a.intValue("limit")));
        List<Obj> rows = page.events().stream()
                .map(e -> Obj.of().with("id", e.id()).with("at", e.at().toString()).with("actor", e.actor())
                        .with("surface", e.surface()).with("action", e.action()).with("target", e.target())
                        .with("detail", e.detail()))
                .toList();
        int n = ctx.budget().fit(Obj.of().with("scanned", page.scanned()), rows);
        boolean cut = n < rows.size();
        Long next = cut ? Long.valueOf(page.events().get(n - 1).id()) : page.nextBeforeId();
        return Obj.of().with("events", rows.subList(0, n)).with("scanned", page.scanned()).with("truncated", cut)
                .with("next_cursor", next == null ? null : String.valueOf(next));
    }

}
