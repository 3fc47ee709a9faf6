package dev.observatory.core.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of notifications: file lines, webhook, Slack and Alertmanager payloads. */
final class Payloads {
    private Payloads() {
    }

    /** One notification as a JSON-ready map (a file line, an element of a webhook's alerts). */
    static Map<String, Object> alert(Notification n, boolean includeContext) {
        AlertState a = n.alert();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", n.state());
        m.put("fingerprint", a.fingerprint());
        m.put("rule", a.rule());
        m.put("severity", a.severity().wire());
        m.put("labels", a.labels());
        m.put("value", a.value());
        m.put("threshold", a.threshold());
        m.put("description", a.description());
        m.put("starts_at", str(a.firingSince() == null ? a.activeSince() : a.firingSince()));
        m.put("ends_at", str(a.resolvedAt()));
        m.put("at", n.at().toString());
        if (includeContext && !a.context().isEmpty()) {
            m.put("context", a.context());
        }
        return m;
    }

    static Map<String, Object> webhook(List<Notification> group, boolean includeContext) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "1");
        m.put("status", group.stream().anyMatch(n -> n.state().equals(AlertState.FIRING)) ? "firing" : "resolved");
        m.put("alerts", group.stream().map(n -> alert(n, includeContext)).toList());
        return m;
    }

    static Map<String, Object> slack(List<Notification> group) {
        StringBuilder text = new StringBuilder();
        for (Notification n : group) {
            AlertState a = n.alert();
            text.append(n.state().equals(AlertState.FIRING) ? ":rotating_light: *FIRING* "
                    : ":white_check_mark: " + "*RESOLVED* ").append('[').append(a.severity().wire()).append("] ")
                    .append(a.rule()).append(' ').append(a.labels()).append(": value ").append(a.value())
                    .append(" (threshold ").append(a.threshold()).append(")\n");
        }
        return Map.of("text", text.toString().strip());
    }

    /** Alertmanager's v2 postableAlerts: labels, annotations, startsAt, endsAt (set when resolved). */
    static List<Map<String, Object>> alertmanager(List<Notification> group) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Notification n : group) {
            AlertState a = n.alert();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("labels", a.labels());
            Map<String, String> ann = new LinkedHashMap<>();
            ann.put("summary", a.rule() + " value " + a.value() + " (threshold " + a.threshold() + ")");
            if (!a.description().isEmpty()) {
                ann.put("description", a.description());
            }
            m.put("annotations", ann);
            m.put("startsAt", str(a.firingSince() == null ? a.activeSince() : a.firingSince()));
            if (a.resolvedAt() != null) {
                m.put("endsAt", a.resolvedAt().toString());
            }
            m.put("generatorURL", "observatory://alerts/" + a.fingerprint());
            out.add(m);
        }
        return out;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
