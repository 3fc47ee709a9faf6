package dev.observatory.store.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON text of free metadata objects, so that every backend returns the same Java values for them. */
public final class JsonMaps {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JsonMaps() {
    }

    public static String write(Map<String, Object> map) {
        return JSON.writeValueAsString(map == null ? Map.of() : map);
    }

    public static Map<String, Object> read(String json) {
        return json == null || json.isEmpty() || json.equals("{}") ? new LinkedHashMap<>()
                : JSON.readValue(json, OBJECT);
    }

    /** The map as it reads back from its JSON text (numbers become Integer, Long or Double, lists ArrayList). */
    public static Map<String, Object> normalize(Map<String, Object> map) {
        return read(write(map));
    }
}
