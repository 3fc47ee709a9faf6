package dev.observatory.core.slo;

import dev.observatory.model.slo.SliSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * SLO definitions from maps (tool and REST arguments, JSON documents) and from YAML files:
 *
 * <pre>
 * slos:
 *   - name: api-availability
 *     type: availability          # availability | latency | error_rate
 *     target: 99.9                # percent; latency: percentile (95), error_rate: max_error_rate (0.1)
 *     selector: {service: api, route: "GET /predict", kind: SERVER, tool: ..., model: ...}
 *     window: rolling_30d         # rolling_28d | rolling_30d | rolling_&lt;n&gt;d | calendar_month
 *   - name: api-p99
 *     type: latency
 *     percentile: 99
 *     threshold_ms: 5000
 *     selector: {service: api}
 *   - name: api-errors-from-prometheus     # events from counters instead of spans (see SliSpec)
 *     type: availability
 *     sli: {source: prometheus, total: 'http_requests_total{job="api"}', bad: 'http_requests_total{job="api",code=~"5.."}'}
 * </pre>
 */
public final class SloSpecs {
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KEYS = Set.of("name", "type", "target", "percentile", "threshold_ms",
            "max_error_rate", "selector", "window", "description", "labels", "source", "sli");
    private static final Set<String> SELECTOR_KEYS = Set.of("service", "route", "kind", "tool", "model");

    private SloSpecs() {
    }

    /** One definition from its map form; IllegalArgumentException saying what to fix. */
    public static SloDefinition parse(Map<String, ?> m, String source) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown SLO field '" + k + "': known fields are " + KEYS);
            }
        }
        SloKind kind = SloKind.parse(text(m.get("type"), "availability"));
        double target = switch (kind) {
            case AVAILABILITY -> number(m, "target", 99.9);
            case LATENCY -> number(m, "percentile", number(m, "target", 95));
            case ERROR_RATE -> 100 - number(m, "max_error_rate", 0.1);
        };
        if (kind == SloKind.ERROR_RATE && m.get("max_error_rate") != null) {
            double max = number(m, "max_error_rate", 0.1);
            if (!(max > 0 && max < 100)) {
                throw new IllegalArgumentException("max_error_rate must be above 0% and below 100%, got " + max);
            }
        }
        double threshold = kind == SloKind.LATENCY ? number(m, "threshold_ms", target >= 99 ? 5000 : 2000) : 0;
        SloWindow window = m.get("window") == null ? SloWindow.ROLLING_30D : SloWindow.parse(text(m.get("window"), ""));
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.get("labels") instanceof Map<?, ?> l) {
            l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        SliSpec sli = SliSpec.parse(m.get("sli"));
        SliSelector selector = sli.spans() || m.get("selector") != null ? selector(m.get("selector"), m.get("name"))
                : null;
        return new SloDefinition(text(m.get("name"), null), kind, selector, target, threshold, window,
                text(m.get("description"), ""), labels, source, sli);
    }

    private static SliSelector selector(Object o, Object name) {
        if (!(o instanceof Map<?, ?> s)) {
            throw new IllegalArgumentException("SLO " + name + " needs a selector object, e.g. {service: api}");
        }
        for (Object k : s.keySet()) {
            if (!SELECTOR_KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown selector field '" + k + "': use " + SELECTOR_KEYS);
            }
        }
        String kind = text(s.get("kind"), null);
        return new SliSelector(text(s.get("service"), null), text(s.get("route"), null),
                kind == null ? null : kind.toUpperCase(java.util.Locale.ROOT), text(s.get("tool"), null),
                text(s.get("model"), null));
    }

    private static String text(Object o, String fallback) {
        if (o == null || String.valueOf(o).isBlank()) {
            return fallback;
        }
        return String.valueOf(o).trim();
    }

    private static double number(Map<String, ?> m, String key, double fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).replace("%", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
    }

    /** The definitions of a YAML file, or of every *.yaml / *.yml file of a directory (by file name). */
    public static List<SloDefinition> load(Path path) {
        List<SloDefinition> out = new ArrayList<>();
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                        out.addAll(loadFile(f));
                    }
                }
            } else {
                out.addAll(loadFile(path));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read SLO definitions from " + path + ": " + e.getMessage(), e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<SloDefinition> loadFile(Path file) throws IOException {
        Object root;
        try {
            root = YAML.readValue(Files.readString(file), Object.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("SLO file " + file + " is not valid YAML: " + e.getOriginalMessage());
        }
        Object list = root instanceof Map<?, ?> m ? m.get("slos") : root;
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("SLO file " + file + " needs a top-level 'slos:' list");
        }
        List<SloDefinition> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("SLO file " + file + ": every entry of 'slos' is a mapping");
            }
            try {
                out.add(parse((Map<String, ?>) m, "config"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
