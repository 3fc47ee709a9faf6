package dev.observatory.mcp.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for output JSON Schemas. Objects stay open (no additionalProperties) so outputs can grow. */
public final class Schemas {
    private Schemas() {
    }

    public static Map<String, Object> string(String description) {
        return typed("string", description);
    }

    public static Map<String, Object> integer(String description) {
        return typed("integer", description);
    }

    public static Map<String, Object> number(String description) {
        return typed("number", description);
    }

    public static Map<String, Object> bool(String description) {
        return typed("boolean", description);
    }

    /** A metric value: a number, or "NaN" / "Infinity" / "-Infinity". */
    public static Map<String, Object> metricValue(String description) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", List.of("number", "string"));
        s.put("description", description + " (a number, or \"NaN\", \"Infinity\", \"-Infinity\")");
        return s;
    }

    public static Map<String, Object> array(Map<String, Object> items, String description) {
        Map<String, Object> s = typed("array", description);
        s.put("items", items);
        return s;
    }

    /** An object whose values all follow {@code values}. */
    public static Map<String, Object> mapOf(Map<String, Object> values, String description) {
        Map<String, Object> s = typed("object", description);
        s.put("additionalProperties", values);
        return s;
    }

    /** Any JSON object (nested params). */
    public static Map<String, Object> anyObject(String description) {
        return typed("object", description);
    }

    public static ObjectBuilder object(String description) {
        return new ObjectBuilder(description);
    }

    /** The paging fields every list answer has: truncated, next_cursor. */
    public static ObjectBuilder paged(ObjectBuilder b) {
        return b.prop("truncated",
                bool("true when the answer was cut to the output budget or the limit; call again"
                        + " with next_cursor for the rest"),
                true)
                .prop("next_cursor", string("pass as cursor to get the next page; absent on the last page"), false);
    }

    private static Map<String, Object> typed(String type, String description) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type);
        if (description != null) {
            s.put("description", description);
        }
        return s;
    }

    /** Builds an object schema property by property. */
    public static final class ObjectBuilder {
        private final Map<String, Object> props = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();
        private final String description;

        ObjectBuilder(String description) {
            this.description = description;
        }

        public ObjectBuilder prop(String name, Map<String, Object> schema, boolean isRequired) {
            props.put(name, schema);
            if (isRequired) {
                required.add(name);
            }
            return this;
        }

        public ObjectBuilder prop(String name, Map<String, Object> schema) {
            return prop(name, schema, false);
        }

        public Map<String, Object> build() {
            Map<String, Object> s = typed("object", description);
            s.put("properties", props);
            if (!required.isEmpty()) {
                s.put("required", List.copyOf(required));
            }
            return s;
        }
    }
}
