package dev.observatory.mcp.ops;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.slo.BurnAlert;
import dev.observatory.core.slo.SloDefinition;
import dev.observatory.core.slo.SloKind;
import dev.observatory.core.slo.SloStatus;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON views and schemas of SLO definitions and statuses. */
final class SloViews {
    private SloViews() {
    }

    static Map<String, Object> definitionSchema() {
        return Schemas.object("an SLO").prop("name", string(null), true)
                .prop("type", string("availability, latency or error_rate"), true)
                .prop("selector", mapOf(string(null), "service / route / kind / tool / model the spans match"), true)
                .prop("target_percent", number("share of good events promised"), true)
                .prop("threshold_ms", number("latency SLOs: the duration a good span stays within"))
                .prop("window", string("rolling_<n>d or calendar_month"), true)
                .prop("source", string("config (file), api (created) or default (seed defaults)"), true)
                .prop("sli",
                        mapOf(string(null),
                                "where events come from when not spans: source (metrics or"
                                        + " prometheus), total, good or bad, or histogram"))
                .prop("description", string(null)).build();
    }

    static Obj definition(SloDefinition d) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sel = (Map<String, Object>) d.toMap().get("selector");
        return Obj.of().with("name", d.name()).with("type", d.kind().wire()).with("selector", sel)
                .with("target_percent", d.targetPercent())
                .with("threshold_ms", d.kind() == SloKind.LATENCY ? d.thresholdMs() : null)
                .with("window", d.window().wire()).with("source", d.source())
                .with("sli", d.sli().spans() ? null : d.sli().toMap())
                .with("description", d.description().isEmpty() ? null : d.description());
    }

    static Map<String, Object> statusSchema() {
        Map<String, Object> alert = Schemas.object("a multi-window burn-rate condition (SRE workbook)")
                .prop("severity", string("page or ticket"), true).prop("factor", number("burn-rate threshold"), true)
                .prop("long_window", string(null), true).prop("short_window", string(null), true)
                .prop("long_burn_rate", number(null), true).prop("short_burn_rate", number(null), true)
                .prop("firing", bool("both windows at or above the factor"), true).build();
        return Schemas.object("where an SLO stands over its window").prop("slo", definitionSchema(), true)
                .prop("from", string("ISO-8601"), true).prop("to", string("ISO-8601"), true)
                .prop("value", number("the SLI: percent (availability, error rate) or ms (latency percentile)"))
                .prop("value_unit", string("percent or ms"), true).prop("target_percent", number(null), true)
                .prop("compliance_percent", number("share of good events over the window"), true)
                .prop("meeting", bool("compliance at or above the target"), true).prop("events", integer(null), true)
                .prop("bad_events", number(null), true)
                .prop("error_budget_remaining_percent", number("100 untouched, 0 used up, negative overspent"), true)
                .prop("burn_rates", mapOf(number(null), "1h, 6h, 24h, 3d"), true)
                .prop("alerts", array(alert, "the four workbook conditions"), true)
                .prop("firing", string("page, ticket, or absent when no condition holds")).build();
    }

    static Obj status(SloStatus s) {
        List<Obj> alerts = new ArrayList<>();
        for (BurnAlert a : s.alerts()) {
            alerts.add(Obj.of().with("severity", a.severity()).with("factor", a.factor())
                    .with("long_window", a.longWindow().toString()).with("short_window", a.shortWindow().toString())
                    .with("long_burn_rate", round(a.longBurn())).with("short_burn_rate", round(a.shortBurn()))
                    .with("firing", a.firing()));
        }
        boolean latency = s.slo().kind() == SloKind.LATENCY;
        return Obj.of().with("slo", definition(s.slo())).with("from", s.from().toString()).with("to", s.to().toString())
                .with("value", s.value() == null ? null : round(s.value()))
                .with("value_unit", latency ? "ms" : "percent").with("target_percent", s.slo().targetPercent())
                .with("compliance_percent", round(s.compliancePercent())).with("meeting", s.meeting())
                .with("events", s.events()).with("bad_events", s.badEvents())
                .with("error_budget_remaining_percent", round(100 * s.budgetRemaining()))
                .with("burn_rates", s.burnRates()).with("alerts", alerts).with("firing", s.firingSeverity());
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
