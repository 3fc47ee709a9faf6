package dev.observatory.store.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON text of run params: objects keep their key order (LinkedHashMap). */
final class PgJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private PgJson() {
    }

    static String write(Map<String, Object> value) {
        return MAPPER.writeValueAsString(value);
    }

    static Map<String, Object> readObject(String json) {
        return json == null ? Map.of() : MAPPER.readValue(json, OBJECT);
    }
}
