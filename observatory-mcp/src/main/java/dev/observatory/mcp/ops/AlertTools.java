package dev.observatory.mcp.ops;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.alert.AlertRule;
import dev.observatory.core.alert.AlertSignals;
import dev.observatory.core.alert.AlertState;
import dev.observatory.core.alert.Alerts;
import dev.observatory.core.alert.Severity;
import dev.observatory.core.alert.Silence;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** list_alert_rules, create_alert_rule, list_alerts and silence_alert. */
final class AlertTools {
    private AlertTools() {
    }

    static ToolDef listRules() {
        Map<String, Object> out = Schemas.object("alert rules")
                .prop("rules", array(AlertViews.ruleSchema(), "by name"), true)
                .prop("signals", mapOf(string(null), "signal kind -> what it measures and its params"), true).build();
        return new ToolDef("list_alert_rules", "ops", "List alert rules",
                "The alert rules with their signal, parameters, condition, threshold, for-duration, severity and"
                        + " labels (plus the last evaluation error of a rule, if any), and the signals rules can use.",
                InputSchema.of(), out, Hints.READ_ONLY, (args, ctx) -> {
                    Alerts alerts = new Alerts(ctx.tracking());
                    Map<String, String> errors = alerts.ruleErrors();
                    List<Obj> rows = alerts.rules().stream().map(r -> AlertViews.rule(r, errors.get(r.name())))
                            .toList();
                    Map<String, Object> signals = new LinkedHashMap<>();
                    AlertSignals.kinds().forEach(k -> signals.put(k, AlertSignals.get(k).description()));
                    int n = ctx.budget().fit(Obj.of(), rows);
                    return Obj.of().with("rules", rows.subList(0, n)).with("signals", signals).with("truncated",
                            n < rows.size() ? Boolean.TRUE : null);
                });
    }

    static ToolDef createRule() {
        InputSchema in = InputSchema.of(
                Param.string("name", "Rule name: lowercase letters, digits, '_', '.', '-'.").required().between(1, 64),
                Param.string("signal",
                        "trace_metric (a trace metrics snapshot value per service), slo_burn (an"
                                + " SLO's burn-rate conditions), run_metric (a training metric of a run or project),"
                                + " job_guardrail (training jobs whose guardrail tripped: nan, oom, stall, divergence,"
                                + " rule), deployment_health (1 per deployment while unhealthy, failed or lost) or"
                                + " metric_anomaly (robust z score of the newest point of a service metric query).")
                        .required().between(1, 64),
                Param.scalarMap("params", "The signal's parameters, e.g. {\"metric\": \"p99_latency_ms\", \"service\":"
                        + " \"api\"}, {\"slo\": \"api-availability\", \"level\": \"page\"}, {\"project\": \"vision\","
                        + " \"metric\": \"loss\", \"steps\": 3}, {\"project\": \"vision\", \"guardrail\": \"nan\","
                        + " \"window_minutes\": 60}, {\"model\": \"chat\"}.").required(),
                Param.string("condition", "above or below the threshold.").oneOf(List.of("above", "below"))
                        .defaultsTo("above"),
                Param.number("threshold", "The value compared with (slo_burn: 0).").defaultsTo(0.0),
                Param.integer("for_seconds", "How long the condition must hold before firing (0-604800).")
                        .between(0, 604_800).defaultsTo(0),
                Param.string("severity", "info, warning, error or critical.")
                        .oneOf(List.of("info", "warning", "error", "critical")).defaultsTo("warning"),
                Param.scalarMap("labels", "Labels added to the alerts (team, runbook ...)."),
                Param.string("description", "What the alert means and what to do.").between(0, 1000));
        Map<String, Object> out = Schemas.object("the rule stored").prop("rule", AlertViews.ruleSchema(), true).build();
        return new ToolDef("create_alert_rule", "ops", "Create an alert rule",
                "Creates or replaces an alert rule. Rules are evaluated every alert_eval_interval_seconds: an alert"
                        + " is pending while the condition holds for less than for_seconds, then firing (sent to"
                        + " the configured sinks), then resolved. \"Page me when P99 goes over 5 s\": signal"
                        + " trace_metric, params {metric: p99_latency_ms, service: api}, threshold 5000, severity"
                        + " critical.",
                in, out, SloTools.WRITE, AlertTools::handleCreate);
    }

    static Map<String, Object> handleCreate(Args args, ToolContext ctx) {
        Map<String, String> labels = args.scalarMap("labels");
        AlertRule rule = new AlertRule(args.string("name"), args.string("signal"), args.scalarMap("params"),
                args.string("condition").equals("above"), args.number("threshold"),
                Duration.ofSeconds(args.intValue("for_seconds")), Severity.parse(args.string("severity")), labels,
                args.string("description"));
        new Alerts(ctx.tracking()).createRule(ctx.actor(), rule);
        return Obj.of().with("rule", AlertViews.rule(rule, null));
    }

    static ToolDef listAlerts() {
        InputSchema in = InputSchema.of(
                Param.string("state", "Only pending, firing or resolved alerts.")
                        .oneOf(List.of("pending", "firing", "resolved")),
                Param.scalarMap("labels", "Only alerts with these labels, e.g. {\"service\": \"api\"}."),
                Param.integer("limit", "Most alerts (1-200).").between(1, 200).defaultsTo(50),
                Param.bool("include_prometheus",
                        "Also the alerts of the configured Prometheus' own alerting rules" + " (its /api/v1/alerts).")
                        .defaultsTo(false));
        Map<String, Object> promAlert = Schemas.object("an alert of Prometheus' rules")
                .prop("name", string("alertname"), true).prop("state", string("pending or firing"), true)
                .prop("labels", mapOf(string(null), null), true).prop("active_at", string(null))
                .prop("value", string(null)).build();
        Map<String, Object> out = Schemas.object("alerts")
                .prop("alerts",
                        array(AlertViews.alertSchema(), "firing first, then pending, then resolved in the last day"),
                        true)
                .prop("total", integer("alerts matching"), true)
                .prop("prometheus_alerts", array(promAlert, "with include_prometheus: at most limit"))
                .prop("prometheus_error", string("why Prometheus' alerts are missing (not configured, unreachable)"))
                .build();
        return new ToolDef("list_alerts", "ops", "List alerts",
                "The alerts of the alert rules: firing, pending and those resolved in the last day, with labels,"
                        + " value, threshold and timestamps. Fingerprints go to silence_alert; alert_routing sends"
                        + " them somewhere.",
                in, out, Hints.READ_ONLY, (args, ctx) -> {
                    List<AlertState> all = new Alerts(ctx.tracking()).alerts(args.string("state"),
                            args.scalarMap("labels"));
                    List<Obj> rows = new ArrayList<>();
                    for (AlertState a : all.subList(0, Math.min(all.size(), args.intValue("limit")))) {
                        rows.add(AlertViews.alert(a));
                    }
                    int n = ctx.budget().fit(Obj.of(), rows);
                    Obj answer = Obj.of().with("alerts", rows.subList(0, n)).with("total", all.size()).with("truncated",
                            n < all.size() ? Boolean.TRUE : null);
                    if (args.bool("include_prometheus")) {
                        PrometheusAlerts.add(answer, ctx, args.intValue("limit"));
                    }
                    return answer;
                }).listedAlsoIn("core");
    }

    static ToolDef silence() {
        InputSchema in = InputSchema.of(
                Param.scalarMap("matchers",
                        "Labels the silenced alerts have, e.g. {\"alertname\": \"high-latency\","
                                + " \"service\": \"api\"} or {\"fingerprint\": \"...\"} from list_alerts.")
                        .required(),
                Param.integer("minutes", "How long (1-43200 minutes).").between(1, 43_200).defaultsTo(60),
                Param.string("comment", "Why (maintenance, known issue ...).").between(0, 500));
        Map<String, Object> out = Schemas.object("the silence").prop("id", string(null), true)
                .prop("matchers", mapOf(string(null), null), true).prop("until", string("ISO-8601"), true)
                .prop("matching_alerts", integer("alerts it mutes now"), true).build();
        return new ToolDef("silence_alert", "ops", "Silence alerts",
                "Mutes the notifications of the alerts whose labels match, for a number of minutes; the alerts are"
                        + " still evaluated and listed, and the muted notifications are counted in the delivery"
                        + " log as silenced.",
                in, out, SloTools.WRITE, (args, ctx) -> {
                    Alerts alerts = new Alerts(ctx.tracking());
                    Silence s = alerts.silence(ctx.actor(), args.scalarMap("matchers"),
                            ctx.tracking().clock().instant().plus(Duration.ofMinutes(args.intValue("minutes"))),
                            args.string("comment"));
                    long matching = alerts.alerts(null, Map.of()).stream()
                            .filter(a -> s.mutes(a, ctx.tracking().clock().instant())).count();
                    return Obj.of().with("id", s.id()).with("matchers", s.matchers())
                            .with("until", s.until().toString()).with("matching_alerts", matching);
                });
    }
}
