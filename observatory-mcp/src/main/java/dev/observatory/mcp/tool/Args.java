package dev.observatory.mcp.tool;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validated arguments of one call, with defaults applied; produced by {@link InputSchema#validate}. */
public final class Args {
    private final Map<String, Object> values;

    Args(Map<String, Object> values) {
        this.values = values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The string value, or null when absent. */
    public String string(String name) {
        return (String) values.get(name);
    }

    /** The integer value, or null when absent. */
    public Long longValue(String name) {
        return (Long) values.get(name);
    }

    /** The integer value of an argument that has a default or is required. */
    public int intValue(String name) {
        Long v = longValue(name);
        if (v == null) {
            throw new IllegalStateException("argument " + name + " has no default");
        }
        return Math.toIntExact(v);
    }

    /** An ISO-8601 instant argument (e.g. "2025-06-01T10:00:00Z"), or null when absent; a clear error otherwise. */
    public java.time.Instant instant(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(s.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("argument '" + name + "': '" + s
                    + "' is not an ISO-8601 instant; send e.g. \"2025-06-01T10:00:00Z\"");
        }
    }

    /** The number value, or null when absent. */
    public Double number(String name) {
        return (Double) values.get(name);
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** The string list, empty when absent. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    /** The map of names to values (as strings), empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, String> scalarMap(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    /**
     * A stable text of every argument except the named ones (usually {@code cursor}); cursors carry its hash so that a
     * cursor is only accepted for the query that issued it.
     */
    public String fingerprint(String... except) {
        Map<String, Object> sorted = new TreeMap<>(values);
        for (String e : except) {
            sorted.remove(e);
        }
        return sorted.toString();
    }
}
