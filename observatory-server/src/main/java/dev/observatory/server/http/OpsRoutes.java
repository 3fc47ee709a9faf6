package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.alert.AlertRule;
import dev.observatory.core.alert.AlertState;
import dev.observatory.core.alert.Alerts;
import dev.observatory.core.slo.BurnAlert;
import dev.observatory.core.slo.SloDefinition;
import dev.observatory.core.slo.SloStatus;
import dev.observatory.core.slo.Slos;
import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SLOs and alerts over REST: {@code GET|POST /api/v1/slos}, {@code DELETE /api/v1/slos/{name}}, {@code GET
 * /api/v1/slos/{name}/status}, {@code GET /api/v1/alerts} (query state), {@code GET /api/v1/alerts/rules} and
 * {@code GET /api/v1/alerts/deliveries} (query sink, outcome, limit).
 */
final class OpsRoutes {
    private final Tracking tracking;

    OpsRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("GET", "/api/v1/slos", this::listSlos);
        r.add("POST", "/api/v1/slos", this::createSlo);
        r.add("DELETE", "/api/v1/slos/{name}", this::deleteSlo);
        r.add("GET", "/api/v1/slos/{name}/status", this::status);
        r.add("GET", "/api/v1/alerts", this::alerts);
        r.add("GET", "/api/v1/alerts/rules", this::rules);
        r.add("GET", "/api/v1/alerts/deliveries", this::deliveries);
    }

    private void send(Call call, int status, Object body) throws IOException {
        call.bytes(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    private void listSlos(Call call) throws IOException {
        call.query().expect(Set.of());
        send(call, 200, Map.of("slos", new Slos(tracking).list().stream().map(SloDefinition::toMap).toList()));
    }

    @SuppressWarnings("unchecked")
    private void createSlo(Call call) throws IOException {
        Map<String, Object> spec = Json.MAPPER.convertValue(call.jsonObject(), Map.class);
        send(call, 201, new Slos(tracking).create(call.actor(), spec).toMap());
    }

    private void deleteSlo(Call call) throws IOException {
        if (!new Slos(tracking).delete(call.actor(), call.path("name"))) {
            throw new dev.observatory.store.NotFoundException(
                    "no SLO created with the API is named '" + call.path("name") + "'");
        }
        send(call, 200, Map.of("deleted", call.path("name")));
    }

    private void status(Call call) throws IOException {
        call.query().expect(Set.of());
        SloStatus s = new Slos(tracking).status(call.path("name"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slo", s.slo().toMap());
        m.put("from", s.from().toString());
        m.put("to", s.to().toString());
        m.put("value", s.value());
        m.put("compliance_percent", s.compliancePercent());
        m.put("meeting", s.meeting());
        m.put("events", s.events());
        m.put("bad_events", s.badEvents());
        m.put("error_budget_remaining_percent", 100 * s.budgetRemaining());
        m.put("burn_rates", s.burnRates());
        List<Map<String, Object>> alerts = new java.util.ArrayList<>();
        for (BurnAlert a : s.alerts()) {
            alerts.add(Map.of("severity", a.severity(), "factor", a.factor(), "long_window", a.longWindow().toString(),
                    "short_window", a.shortWindow().toString(), "long_burn_rate", a.longBurn(), "short_burn_rate",
                    a.shortBurn(), "firing", a.firing()));
        }
        m.put("alerts", alerts);
        m.put("firing", s.firingSeverity());
        send(call, 200, m);
    }

    private void alerts(Call call) throws IOException {
        call.query().expect(Set.of("state"));
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (AlertState a : new Alerts(tracking).alerts(call.query().get("state"), Map.of())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fingerprint", a.fingerprint());
            m.put("rule", a.rule());
            m.put("state", a.state());
            m.put("severity", a.severity().wire());
            m.put("labels", a.labels());
            m.put("value", a.value());
            m.put("threshold", a.threshold());
            m.put("active_since", a.activeSince().toString());
            m.put("firing_since", a.firingSince() == null ? null : a.firingSince().toString());
            m.put("resolved_at", a.resolvedAt() == null ? null : a.resolvedAt().toString());
            rows.add(m);
        }
        send(call, 200, Map.of("alerts", rows));
    }

    private void rules(Call call) throws IOException {
        call.query().expect(Set.of());
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (AlertRule r : new Alerts(tracking).rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("signal", r.signal());
            m.put("params", r.params());
            m.put("condition", r.above() ? "above" : "below");
            m.put("threshold", r.threshold());
            m.put("for_seconds", r.forDuration().toSeconds());
            m.put("severity", r.severity().wire());
            m.put("labels", r.labels());
            rows.add(m);
        }
        send(call, 200, Map.of("rules", rows, "sinks", new Alerts(tracking).sinkCounts()));
    }

    private void deliveries(Call call) throws IOException {
        call.query().expect(Set.of("sink", "outcome", "limit"));
        List<Delivery> rows = new Alerts(tracking).deliveries(new DeliveryQuery(0, call.query().get("sink"),
                call.query().get("outcome"), call.query().intValue("limit", 100, 1, 1000)));
        send(call, 200, Map.of("deliveries", rows.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", java.time.Instant.ofEpochMilli(d.atMs()).toString());
            m.put("sink", d.sink());
            m.put("alert", d.alert());
            m.put("rule", d.rule());
            m.put("state", d.state());
            m.put("outcome", d.outcome());
            m.put("attempts", d.attempts());
            m.put("detail", d.detail());
            return m;
        }).toList()));
    }
}
