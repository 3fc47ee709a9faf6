package dev.observatory.mcp.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool argument: its JSON type and constraints. The same record produces the input JSON Schema and validates calls
 * ({@link InputSchema}), so the schema a client sees is exactly what the server enforces.
 *
 * @param mandatory
 *            the call must give it
 * @param type
 *            the JSON shape
 * @param min
 *            inclusive lower bound (numbers) or minimum length / item count (strings, arrays); null for none
 * @param max
 *            inclusive upper bound (numbers) or maximum length / item count; null for none
 * @param enumValues
 *            allowed values of a string or of each array item; empty for any
 * @param pattern
 *            regular expression a string (or each array item) must match; null for any
 * @param example
 *            a valid value shown in error messages, as JSON text
 */
public record Param(String name, Type type, String description, boolean mandatory, Object defaultValue, Number min,
        Number max, List<String> enumValues, String pattern, String example) {

    /** JSON shapes an argument may take. */
    public enum Type {
        STRING("string"), INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), STRING_ARRAY("array"),
        /** An object whose values are strings, numbers or booleans (compared as strings). */
        SCALAR_MAP("object");

        final String json;

        Type(String json) {
            this.json = json;
        }
    }

    public Param {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("argument names are snake_case: " + name);
        }
    }

    public static Param string(String name, String description) {
        return new Param(name, Type.STRING, description, false, null, null, null, null, null, "\"...\"");
    }

    public static Param integer(String name, String description) {
        return new Param(name, Type.INTEGER, description, false, null, null, null, null, null, "10");
    }

    public static Param number(String name, String description) {
        return new Param(name, Type.NUMBER, description, false, null, null, null, null, null, "0.5");
    }

    public static Param bool(String name, String description) {
        return new Param(name, Type.BOOLEAN, description, false, null, null, null, null, null, "true");
    }

    public static Param strings(String name, String description) {
        return new Param(name, Type.STRING_ARRAY, description, false, null, null, null, null, null, "[\"...\"]");
    }

    public static Param scalarMap(String name, String description) {
        return new Param(name, Type.SCALAR_MAP, description, false, null, null, null, null, null,
                "{\"key\": \"value\"}");
    }

    public Param required() {
        return new Param(name, type, description, true, defaultValue, min, max, enumValues, pattern, example);
    }

    public Param defaultsTo(Object value) {
        return new Param(name, type, description, mandatory, value, min, max, enumValues, pattern, example);
    }

    public Param between(Number lo, Number hi) {
        return new Param(name, type, description, mandatory, defaultValue, lo, hi, enumValues, pattern, example);
    }

    public Param oneOf(List<String> values) {
        return new Param(name, type, description, mandatory, defaultValue, min, max, values, pattern, example);
    }

    public Param matching(String regex) {
        return new Param(name, type, description, mandatory, defaultValue, min, max, enumValues, regex, example);
    }

    public Param example(String json) {
        return new Param(name, type, description, mandatory, defaultValue, min, max, enumValues, pattern, json);
    }

    /** This argument as a JSON Schema property. */
    Map<String, Object> jsonSchema() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type.json);
        s.put("description", description);
        Map<String, Object> target = s;
        switch (type) {
            case STRING_ARRAY -> {
                Map<String, Object> items = new LinkedHashMap<>();
                items.put("type", "string");
                s.put("items", items);
                putBound(s, "minItems", min);
                putBound(s, "maxItems", max);
                target = items;
            }
            case SCALAR_MAP -> s.put("additionalProperties", Map.of("type", List.of("string", "number", "boolean")));
            case STRING -> {
                putBound(s, "minLength", min);
                putBound(s, "maxLength", max);
            }
            case INTEGER, NUMBER -> {
                putBound(s, "minimum", min);
                putBound(s, "maximum", max);
            }
            default -> {
            }
        }
        if (!enumValues.isEmpty()) {
            target.put("enum", enumValues);
        }
        if (pattern != null) {
            target.put("pattern", pattern);
        }
        if (defaultValue != null) {
            s.put("default", defaultValue);
        }
        return s;
    }

    private static void putBound(Map<String, Object> s, String key, Number n) {
        if (n != null) {
            s.put(key, n);
        }
    }
}
