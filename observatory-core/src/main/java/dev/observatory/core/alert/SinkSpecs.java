package dev.observatory.core.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Sinks from a YAML (or JSON) file:
 *
 * <pre>
 * sinks:
 *   - name: oncall
 *     type: webhook                 # file | webhook | slack | alertmanager
 *     destination: https://hooks.example.com/observatory
 *     min_severity: warning         # info | warning | error | critical
 *     secret_env: ALERT_HOOK_SECRET # HMAC-SHA256 key read from this environment variable (or secret: inline)
 *     matchers: {team: ml}
 *     group_by: [alertname, service]
 *     per_minute: 30
 *     timeout_seconds: 5
 *     retries: 3
 *     queue_capacity: 1000
 *     include_context: true
 * </pre>
 */
public final class SinkSpecs {
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KEYS = Set.of("name", "type", "destination", "min_severity", "secret",
            "secret_env", "matchers", "group_by", "per_minute", "timeout_seconds", "retries", "queue_capacity",
            "include_context");

    private SinkSpecs() {
    }

    /** The sinks of the file; IllegalArgumentException naming the file and what to fix. */
    public static List<SinkConfig> load(Path file, Map<String, String> env) {
        Object root;
        try {
            root = YAML.readValue(Files.readString(file), Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read alert sinks file " + file + ": " + e.getMessage());
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(
                    "alert sinks file " + file + " is not valid YAML: " + e.getOriginalMessage());
        }
        Object list = root instanceof Map<?, ?> m ? m.get("sinks") : root;
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("alert sinks file " + file + " needs a top-level 'sinks:' list");
        }
        List<SinkConfig> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(file + ": every entry of 'sinks' is a mapping");
            }
            try {
                out.add(parse(m, env));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static SinkConfig parse(Map<?, ?> m, Map<String, String> env) {
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown sink field '" + k + "': known fields are " + KEYS);
            }
        }
        String secret = m.get("secret") == null ? null : String.valueOf(m.get("secret"));
        if (m.get("secret_env") != null) {
            secret = env.get(String.valueOf(m.get("secret_env")));
            if (secret == null) {
                throw new IllegalArgumentException("secret_env " + m.get("secret_env") + " is not set");
            }
        }
        Map<String, String> matchers = new LinkedHashMap<>();
        if (m.get("matchers") instanceof Map<?, ?> mm) {
            mm.forEach((k, v) -> matchers.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> groupBy = new ArrayList<>();
        if (m.get("group_by") instanceof List<?> g) {
            g.forEach(x -> groupBy.add(String.valueOf(x)));
        }
        return new SinkConfig(str(m.get("name")), str(m.get("type")), str(m.get("destination")),
                m.get("min_severity") == null ? Severity.INFO : Severity.parse(str(m.get("min_severity"))), matchers,
                groupBy, num(m.get("per_minute"), 60), secret, Duration.ofSeconds(num(m.get("timeout_seconds"), 5)),
                num(m.get("retries"), 3), num(m.get("queue_capacity"), 1000),
                m.get("include_context") == null || Boolean.parseBoolean(str(m.get("include_context"))));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static int num(Object o, int fallback) {
        if (o == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + o + "'");
        }
    }
}
