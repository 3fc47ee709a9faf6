package dev.observatory.store.internal;

import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text of span attributes, events and links for the SQL backends. Reads integers as Long and decimals as Double,
 * so that attributes read back with the value types of the span model; key order is kept.
 */
public final class SpanJson {
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<LinkedHashMap<String, Object>>> ARRAY = new TypeReference<>() {
    };

    private SpanJson() {
    }

    public static String attributes(Map<String, Object> map) {
        if (map.isEmpty()) {
            return "{}"; // the same text, without a generator
        }
        String text = SpanJsonText.object(map); // the same text as Jackson's for the model's value types
        return text != null ? text : JSON.writeValueAsString(map);
    }

    public static Map<String, Object> attributes(String json) {
        return json == null || json.isEmpty() ? Map.of() : JSON.readValue(json, OBJECT);
    }

    public static String events(List<SpanEvent> events) {
        if (events.isEmpty()) {
            return "[]";
        }
        List<Map<String, Object>> out = new ArrayList<>(events.size());
        for (SpanEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("time", e.timeNanos());
            m.put("attributes", e.attributes());
            out.add(m);
        }
        return JSON.writeValueAsString(out);
    }

    /** Events from JSON text; empty for null or empty text. */
    @SuppressWarnings("unchecked")
    public static List<SpanEvent> events(String json) {
        List<SpanEvent> out = new ArrayList<>();
        if (json == null || json.isEmpty()) {
            return out;
        }
        for (Map<String, Object> m : JSON.readValue(json, ARRAY)) {
            out.add(new SpanEvent((String) m.get("name"), ((Number) m.get("time")).longValue(),
                    (Map<String, Object>) m.get("attributes")));
        }
        return out;
    }

    public static String links(List<SpanLink> links) {
        if (links.isEmpty()) {
            return "[]";
        }
        List<Map<String, Object>> out = new ArrayList<>(links.size());
        for (SpanLink l : links) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trace_id", l.traceId());
            m.put("span_id", l.spanId());
            m.put("attributes", l.attributes());
            out.add(m);
        }
        return JSON.writeValueAsString(out);
    }

    /** Links from JSON text; empty for null or empty text. */
    @SuppressWarnings("unchecked")
    public static List<SpanLink> links(String json) {
        List<SpanLink> out = new ArrayList<>();
        if (json == null || json.isEmpty()) {
            return out;
        }
        for (Map<String, Object> m : JSON.readValue(json, ARRAY)) {
            out.add(new SpanLink((String) m.get("trace_id"), (String) m.get("span_id"),
                    (Map<String, Object>) m.get("attributes")));
        }
        return out;
    }
}
