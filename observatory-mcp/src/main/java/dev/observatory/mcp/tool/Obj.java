package dev.observatory.mcp.tool;

import java.util.LinkedHashMap;

/** A JSON object under construction that keeps insertion order and leaves out null values (fewer tokens). */
public final class Obj extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    public static Obj of() {
        return new Obj();
    }

    /** Adds the field unless the value is null. */
    public Obj with(String key, Object value) {
        if (value != null) {
            put(key, value);
        }
        return this;
    }
}
