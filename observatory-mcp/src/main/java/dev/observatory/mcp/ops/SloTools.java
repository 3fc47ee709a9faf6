package dev.observatory.mcp.ops;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.slo.SloDefinition;
import dev.observatory.core.slo.SloReport;
import dev.observatory.core.slo.SloReportImage;
import dev.observatory.core.slo.Slos;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolImage;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** list_slos, get_slo_status, get_slo_report and create_slo. */
final class SloTools {
    static final Hints WRITE = new Hints(false, false, true, false);

    private SloTools() {
    }

    static Param name() {
        return Param.string("name", "The SLO's name (list_slos shows them).").between(1, 64)
                .example("\"api-availability\"");
    }

    static ToolDef list() {
        Map<String, Object> out = Schemas.object("SLOs")
                .prop("slos", array(SloViews.definitionSchema(), "by name"), true)
                .prop("hint", string("what to do when none is defined")).build();
        return new ToolDef("list_slos", "ops", "List SLOs",
                "The SLOs defined in the configuration file (slo_definitions) and created with create_slo: type"
                        + " (availability, latency, error_rate), span selector, target, latency threshold and window"
                        + " (rolling days or calendar month). get_slo_status tells where each stands.",
                InputSchema.of(), out, Hints.READ_ONLY, (args, ctx) -> {
                    List<Obj> rows = new Slos(ctx.tracking()).list().stream().map(SloViews::definition).toList();
                    return Obj.of().with("slos", rows).with("hint", rows.isEmpty()
                            ? "no SLO is defined: get_slo_status with a service shows the default SLOs (99.9%"
                                    + " availability, P95 < 2 s, P99 < 5 s, error rate < 0.1%); create_slo stores one"
                            : null);
                });
    }

    static ToolDef status() {
        InputSchema in = InputSchema.of(name(), Param
                .string("service",
                        "Instead of a name: every SLO selecting this service, or the seed defaults (99.9% availability,"
                                + " P95 < 2 s, P99 < 5 s, error rate < 0.1% over 30 days) when none is defined.")
                .between(1, 256));
        Map<String, Object> out = Schemas.object("SLO statuses")
                .prop("statuses", array(SloViews.statusSchema(), "one per SLO"), true)
                .prop("defaults", bool("true when the service has no SLO and the seed defaults were used"))
                .prop("unavailable",
                        array(Schemas.object("an SLO whose source did not answer").prop("name", string(null), true)
                                .prop("error", string("why, e.g. Prometheus unreachable"), true).build(),
                                "SLOs of the service whose status is unknown now (the others are in statuses)"))
                .build();
        return new ToolDef("get_slo_status", "ops", "Get SLO status",
                "Are we meeting our SLOs? For one SLO (name) or a service's SLOs: the current SLI value, target,"
                        + " compliance over the window, error budget remaining, burn rates over 1h/6h/24h/3d and the"
                        + " Google SRE workbook multi-window burn-rate conditions (14.4x over 1h and 5m or 6x over 6h"
                        + " and 30m: page; 3x over 1d and 2h or 1x over 3d and 6h: ticket). Computed from the stored"
                        + " spans, or from the counters the SLO's sli names (metrics store or Prometheus; an"
                        + " unreachable Prometheus is reported as unavailable).",
                in, out, Hints.READ_ONLY, SloTools::handleStatus).listedAlsoIn("core");
    }

    static Map<String, Object> handleStatus(Args args, ToolContext ctx) {
        Slos slos = new Slos(ctx.tracking());
        Instant now = ctx.tracking().clock().instant();
        String name = args.string("name");
        String service = args.string("service");
        if ((name == null) == (service == null)) {
            throw new IllegalArgumentException("give either name (one SLO) or service (its SLOs), not both or neither");
        }
        List<SloDefinition> defs = name != null ? List.of(slos.get(name))
                : slos.list().stream().filter(d -> service.equals(d.selector().service())).toList();
        boolean defaults = defs.isEmpty();
        if (defaults) {
            defs = SloDefinition.defaults(service);
        }
        List<Obj> rows = new ArrayList<>();
        List<Obj> unavailable = new ArrayList<>();
        for (SloDefinition d : defs) {
            try {
                rows.add(SloViews.status(slos.status(d, now)));
            } catch (dev.observatory.store.StoreException e) {
                if (name != null) {
                    throw e;
                }
                unavailable.add(Obj.of().with("name", d.name()).with("error", e.getMessage()));
            }
        }
        int n = ctx.budget().fit(Obj.of(), rows);
        return Obj.of().with("statuses", rows.subList(0, n)).with("defaults", defaults ? Boolean.TRUE : null)
                .with("unavailable", unavailable.isEmpty() ? null : unavailable)
                .with("truncated", n < rows.size() ? Boolean.TRUE : null);
    }

    static ToolDef report() {
        InputSchema in = InputSchema.of(name().required(),
                Param.string("month", "A calendar month, YYYY-MM (UTC); default: the SLO's own window ending now.")
                        .matching("^[0-9]{4}-[0-9]{2}$").example("\"2025-06\""),
                Param.string("step", "Width of one point: 1h, 6h or 1d.").oneOf(List.of("1h", "6h", "1d"))
                        .defaultsTo("1d"),
                Param.bool("image", "Also return the error-budget burn-down chart as a PNG image content block.")
                        .defaultsTo(true));
        Map<String, Object> point = Schemas.object("one step").prop("from", string(null), true)
                .prop("to", string(null), true).prop("events", integer(null), true)
                .prop("good_percent", number(null), true)
                .prop("budget_remaining_percent", number("of the period's budget, at the step's end"), true).build();
        Map<String, Object> out = Schemas.object("SLO report").prop("period", SloViews.statusSchema(), true)
                .prop("points", array(point, "the error-budget burn-down, one per step"), true)
                .prop("image", string("how the burn-down chart was returned, when asked for")).build();
        return new ToolDef("get_slo_report", "ops", "Get SLO report",
                "Compliance of an SLO over a period (a calendar month, or its window ending now) with one point per"
                        + " step: events, share of good events and error budget remaining — the data of an error"
                        + " budget burn-down chart.",
                in, out, Hints.READ_ONLY, SloTools::handleReport);
    }

    static Map<String, Object> handleReport(Args args, ToolContext ctx) {
        Slos slos = new Slos(ctx.tracking());
        Instant now = ctx.tracking().clock().instant();
        Instant from;
        Instant to;
        if (args.string("month") != null) {
            YearMonth m;
            try {
                m = YearMonth.parse(args.string("month"));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("month must be YYYY-MM, got " + args.string("month"));
            }
            from = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            to = end.isAfter(now) ? now : end;
        } else {
            to = now;
            from = slos.get(args.string("name")).window().start(now);
        }
        Duration step = switch (args.string("step")) {
            case "1h" -> Duration.ofHours(1);
            case "6h" -> Duration.ofHours(6);
            default -> Duration.ofDays(1);
        };
        SloReport r = slos.report(args.string("name"), from, to, step);
        List<Obj> points = new ArrayList<>();
        for (SloReport.Point p : r.points()) {
            points.add(Obj.of().with("from", p.from().toString()).with("to", p.to().toString())
                    .with("events", p.events()).with("good_percent", SloViews.round(p.goodPercent()))
                    .with("budget_remaining_percent", SloViews.round(100 * p.budgetRemaining())));
        }
        Obj answer = Obj.of().with("period", SloViews.status(r.period())).with("points", points);
        if (args.bool("image")) {
            answer.with("image", "image/png content block after this JSON");
            ToolImage.attach(answer, ToolImage.png(SloReportImage.png(r)));
        }
        return answer;
    }

    static ToolDef create() {
        InputSchema in = InputSchema.of(name().required(),
                Param.string("type", "availability, latency or error_rate.")
                        .oneOf(List.of("availability", "latency", "error_rate")).defaultsTo("availability"),
                Param.scalarMap("selector",
                        "Which spans count: service, route (span name), kind, tool, model; at least one (not needed"
                                + " when sli reads counters).")
                        .example("{\"service\": \"api\"}"),
                Param.number("target",
                        "Availability target in percent (default 99.9); for latency the percentile" + " (default 95)."),
                Param.number("threshold_ms", "Latency SLOs: the duration (default 2000 for P95, 5000 for P99)."),
                Param.number("max_error_rate", "Error-rate SLOs: the highest error rate in percent (default 0.1)."),
                Param.string("window", "rolling_28d, rolling_30d (default) or calendar_month.").between(2, 20),
                Param.string("description", "What the SLO promises, in words.").between(0, 500),
                Param.scalarMap("sli", "Where events come from (default: the spans of the selector): {source:"
                        + " metrics (Observatory's service metrics) or prometheus (prometheus_url), total: counter"
                        + " selector, bad or good: counter selector} -- each counted as sum(increase(x[window])), or"
                        + " a whole expression using $window -- or for latency {source, histogram: base name with"
                        + " labels, le in seconds}.")
                        .example("{\"source\": \"prometheus\", \"total\": \"http_requests_total{job=\\\"api\\\"}\","
                                + " \"bad\": \"http_requests_total{job=\\\"api\\\",code=~\\\"5..\\\"}\"}"));
        Map<String, Object> out = Schemas.object("the SLO stored").prop("slo", SloViews.definitionSchema(), true)
                .build();
        return new ToolDef("create_slo", "ops", "Create an SLO",
                "Creates or replaces an SLO over the stored spans, or over counters of Observatory's metrics store"
                        + " or the configured Prometheus (sli). Targets must be above 0% and below 100%; a span"
                        + " selector must name at least a service, route, kind, tool or model.",
                in, out, WRITE, (args, ctx) -> {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    spec.put("name", args.string("name"));
                    spec.put("type", args.string("type"));
                    putIf(spec, "selector", args.scalarMap("selector"));
                    putIf(spec, "sli", args.scalarMap("sli"));
                    putIf(spec, args.string("type").equals("latency") ? "percentile" : "target", args.number("target"));
                    putIf(spec, "threshold_ms", args.number("threshold_ms"));
                    putIf(spec, "max_error_rate", args.number("max_error_rate"));
                    putIf(spec, "window", args.string("window"));
                    putIf(spec, "description", args.string("description"));
                    return Obj.of().with("slo",
                            SloViews.definition(new Slos(ctx.tracking()).create(ctx.actor(), spec)));
                });
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
