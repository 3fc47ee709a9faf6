package dev.observatory.store.internal;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The string form of a run param value that {@code RunQuery.params} filters compare with: strings as they are, numbers
 * and booleans as Java prints them ({@code 0.001}, {@code 32}, {@code true}), null as {@code null}, lists and maps as
 * compact JSON. Public only so that every backend compares alike.
 */
public final class ParamText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ParamText() {
    }

    public static String of(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return JSON.writeValueAsString(value);
        }
        return String.valueOf(value);
    }
}
