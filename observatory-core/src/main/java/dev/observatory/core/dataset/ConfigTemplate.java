package dev.observatory.core.dataset;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A training config template shipped with Observatory: a commented YAML starting point and the JSON Schema every config
 * made from it is validated against.
 *
 * @param yaml
 *            the template's default config as YAML text
 * @param defaults
 *            the same config parsed
 * @param schema
 *            the JSON Schema (draft 2020-12)
 * @param sections
 *            top-level keys of the schema, in order
 */
public record ConfigTemplate(String name, String description, String yaml, JsonNode defaults, JsonNode schema,
        List<String> sections) {
}
