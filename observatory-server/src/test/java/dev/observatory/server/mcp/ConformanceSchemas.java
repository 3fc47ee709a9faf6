package dev.observatory.server.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schemas the conformance scenarios check verbatim. */
final class ConformanceSchemas {
    private ConformanceSchemas() {
    }

    /** The input schema of json_schema_2020_12_tool: $schema, $defs and additionalProperties must survive. */
    static Map<String, Object> jsonSchema2020() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("type", "object");
        s.put("$defs", Map.of("address", Map.of("type", "object", "properties",
                Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))));
        s.put("properties", Map.of("name", Map.of("type", "string"), "address", Map.of("$ref", "#/$defs/address")));
        s.put("additionalProperties", false);
        return s;
    }

    /** The five enum shapes of SEP-1330. */
    static Map<String, Object> enums() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("untitledSingle", Map.of("type", "string", "enum", List.of("option1", "option2", "option3")));
        props.put("titledSingle",
                Map.of("type", "string", "oneOf",
                        List.of(Map.of("const", "value1", "title", "First Option"),
                                Map.of("const", "value2", "title", "Second Option"),
                                Map.of("const", "value3", "title", "Third Option"))));
        props.put("legacyEnum", Map.of("type", "string", "enum", List.of("opt1", "opt2", "opt3"), "enumNames",
                List.of("Option One", "Option Two", "Option Three")));
        props.put("untitledMulti", Map.of("type", "array", "items",
                Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        props.put("titledMulti",
                Map.of("type", "array", "items",
                        Map.of("anyOf",
                                List.of(Map.of("const", "value1", "title", "First Choice"),
                                        Map.of("const", "value2", "title", "Second Choice"),
                                        Map.of("const", "value3", "title", "Third Choice")))));
        return Map.of("type", "object", "properties", props);
    }
}
