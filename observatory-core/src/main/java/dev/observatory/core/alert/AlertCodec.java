package dev.observatory.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Rules, alert states and silences to and from the JSON bodies of the ops documents. */
final class AlertCodec {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private AlertCodec() {
    }

    static Map<String, Object> ruleMap(AlertRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("signal", r.signal());
        m.put("params", r.params());
        m.put("condition", r.above() ? "above" : "below");
        m.put("threshold", r.threshold());
        m.put("for_seconds", r.forDuration().toSeconds());
        m.put("severity", r.severity().wire());
        m.put("labels", r.labels());
        m.put("description", r.description());
        return m;
    }

    @SuppressWarnings("unchecked")
    static AlertRule rule(String json) {
        Map<String, Object> m = JSON.readValue(json, Map.class);
        return new AlertRule((String) m.get("name"), (String) m.get("signal"), (Map<String, String>) m.get("params"),
                "above".equals(m.get("condition")), ((Number) m.get("threshold")).doubleValue(),
                Duration.ofSeconds(((Number) m.get("for_seconds")).longValue()),
                Severity.parse((String) m.get("severity")), (Map<String, String>) m.get("labels"),
                (String) m.get("description"));
    }

    static String state(AlertState a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", a.fingerprint());
        m.put("rule", a.rule());
        m.put("labels", a.labels());
        m.put("severity", a.severity().wire());
        m.put("state", a.state());
        m.put("value", a.value());
        m.put("threshold", a.threshold());
        m.put("active_since", str(a.activeSince()));
        m.put("firing_since", str(a.firingSince()));
        m.put("resolved_at", str(a.resolvedAt()));
        m.put("description", a.description());
        return JSON.writeValueAsString(m);
    }

    @SuppressWarnings("unchecked")
    static AlertState state(String json) {
        Map<String, Object> m = JSON.readValue(json, Map.class);
        return new AlertState((String) m.get("fingerprint"), (String) m.get("rule"),
                (Map<String, String>) m.get("labels"), Severity.parse((String) m.get("severity")),
                (String) m.get("state"), ((Number) m.get("value")).doubleValue(),
                ((Number) m.get("threshold")).doubleValue(), time(m.get("active_since")), time(m.get("firing_since")),
                time(m.get("resolved_at")), Map.of(), (String) m.get("description"));
    }

    static String silence(Silence s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("matchers", s.matchers());
        m.put("until", s.until().toString());
        m.put("comment", s.comment());
        m.put("created_by", s.createdBy());
        return JSON.writeValueAsString(m);
    }

    @SuppressWarnings("unchecked")
    static Silence silence(String json) {
        Map<String, Object> m = JSON.readValue(json, Map.class);
        return new Silence((String) m.get("id"), (Map<String, String>) m.get("matchers"), time(m.get("until")),
                (String) m.get("comment"), (String) m.get("created_by"));
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Instant time(Object o) {
        return o == null ? null : Instant.parse((String) o);
    }

    static String write(Object o) {
        return JSON.writeValueAsString(o);
    }
}
