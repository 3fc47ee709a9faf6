package dev.observatory.server.http;

import dev.observatory.model.RunStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to fields of a JSON request object. Every mismatch is a 400 that names the field and the expected type,
 * and unknown fields are rejected so that a typo never silently drops a value.
 */
final class Bodies {
    private Bodies() {
    }

    static String typeOf(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isString()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return n.isArray() ? "an array" : "an object";
    }

    static void allowOnly(JsonNode obj, Set<String> names) {
        for (String f : obj.propertyNames()) {
            if (!names.contains(f)) {
                throw HttpError.badRequest(
                        "unknown field '" + f + "': valid fields are " + String.join(", ", new TreeSet<>(names)));
            }
        }
    }

    private static JsonNode field(JsonNode obj, String name) {
        JsonNode n = obj.get(name);
        return n == null || n.isNull() ? null : n;
    }

    private static HttpError wrongType(String name, String expected, JsonNode got) {
        return HttpError.badRequest("field '" + name + "' must be " + expected + ", got " + typeOf(got));
    }

    /** A string field; null when absent or null. */
    static String string(JsonNode obj, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        if (!n.isString()) {
            throw wrongType(name, "a string", n);
        }
        return n.stringValue();
    }

    static String requiredString(JsonNode obj, String name) {
        String s = string(obj, name);
        if (s == null) {
            throw HttpError.badRequest("field '" + name + "' is required");
        }
        return s;
    }

    static List<String> stringList(JsonNode obj, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw wrongType(name, "an array of strings", n);
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isString()) {
                throw wrongType(name + "[" + i + "]", "a string", n.get(i));
            }
            out.add(n.get(i).stringValue());
        }
        return out;
    }

    /** A nested JSON object as ordered Java maps, lists, strings, numbers, booleans and nulls. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(JsonNode obj, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw wrongType(name, "an object", n);
        }
        return (Map<String, Object>) toJava(n);
    }

    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.forEachEntry((k, v) -> m.put(k, toJava(v)));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(v -> l.add(toJava(v)));
            return l;
        }
        if (n.isString()) {
            return n.stringValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.numberValue();
    }

    /** An ISO-8601 string or epoch milliseconds; null when absent. */
    static Instant instant(JsonNode obj, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (n.isString()) {
            return parseInstant(name, n.stringValue());
        }
        throw wrongType(name, "an ISO-8601 timestamp string or epoch milliseconds", n);
    }

    static Instant parseInstant(String name, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest("field '" + name + "' must be an ISO-8601 UTC timestamp such as"
                    + " 2025-01-31T12:00:00Z, got '" + s + "'");
        }
    }

    static RunStatus status(JsonNode obj, String name) {
        String s = string(obj, name);
        return s == null ? null : RunStatus.parse(s);
    }
}
