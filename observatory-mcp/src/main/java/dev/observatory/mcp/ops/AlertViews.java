package dev.observatory.mcp.ops;

import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.alert.AlertRule;
import dev.observatory.core.alert.AlertState;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import java.time.Instant;
import java.util.Map;

/** JSON views and schemas of alert rules and alerts. */
final class AlertViews {
    private AlertViews() {
    }

    static Map<String, Object> ruleSchema() {
        return Schemas.object("an alert rule").prop("name", string(null), true)
                .prop("signal", string("trace_metric, slo_burn, run_metric, ..."), true)
                .prop("params", mapOf(string(null), "the signal's parameters"), true)
                .prop("condition", string("above or below"), true).prop("threshold", number(null), true)
                .prop("for_seconds", Schemas.integer("how long the condition holds before firing"), true)
                .prop("severity", string("info, warning, error, critical"), true)
                .prop("labels", mapOf(string(null), "added to the alerts"), true).prop("description", string(null))
                .prop("error", string("why the last evaluation failed")).build();
    }

    static Obj rule(AlertRule r, String error) {
        return Obj.of().with("name", r.name()).with("signal", r.signal()).with("params", r.params())
                .with("condition", r.above() ? "above" : "below").with("threshold", r.threshold())
                .with("for_seconds", r.forDuration().toSeconds()).with("severity", r.severity().wire())
                .with("labels", r.labels()).with("description", r.description().isEmpty() ? null : r.description())
                .with("error", error);
    }

    static Map<String, Object> alertSchema() {
        return Schemas.object("an alert").prop("fingerprint", string("pass to silence_alert"), true)
                .prop("rule", string(null), true).prop("state", string("pending, firing or resolved"), true)
                .prop("severity", string(null), true).prop("labels", mapOf(string(null), null), true)
                .prop("value", number("the value at the last evaluation"), true).prop("threshold", number(null), true)
                .prop("active_since", string("ISO-8601"), true).prop("firing_since", string("ISO-8601"))
                .prop("resolved_at", string("ISO-8601")).prop("description", string(null)).build();
    }

    static Obj alert(AlertState a) {
        return Obj.of().with("fingerprint", a.fingerprint()).with("rule", a.rule()).with("state", a.state())
                .with("severity", a.severity().wire()).with("labels", a.labels()).with("value", a.value())
                .with("threshold", a.threshold()).with("active_since", iso(a.activeSince()))
                .with("firing_since", iso(a.firingSince())).with("resolved_at", iso(a.resolvedAt()))
                .with("description", a.description().isEmpty() ? null : a.description());
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
