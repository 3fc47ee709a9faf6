package dev.observatory.core.dataset;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Reads and writes config documents as YAML or JSON, and merges overrides into them. */
final class ConfigDocuments {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES).build();

    private ConfigDocuments() {
    }

    /** {@code json} when the text is a JSON object, else {@code yaml}. */
    static String detectFormat(String content) {
        return content.stripLeading().startsWith("{") ? "json" : "yaml";
    }

    /** The format named by the user (yaml, yml, json; null: detected from the content). */
    static String format(String requested, String content) {
        if (requested == null || requested.isBlank()) {
            return detectFormat(content);
        }
        String f = requested.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "yaml", "yml" -> "yaml";
            case "json" -> "json";
            default -> throw new IllegalArgumentException("format must be yaml or json, got '" + requested + "'");
        };
    }

    /** Parses the content; IllegalArgumentException naming the line and column when it is not valid. */
    static JsonNode parse(String content, String format) {
        ObjectMapper mapper = format.equals("json") ? JSON : YAML;
        try {
            JsonNode node = mapper.readTree(content);
            return node == null ? JSON.missingNode() : node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the config is not valid " + format.toUpperCase(Locale.ROOT) + ": "
                    + e.getOriginalMessage() + location(e));
        }
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    static String write(JsonNode node, String format) {
        return format.equals("json") ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n"
                : YAML.writeValueAsString(node);
    }

    /**
     * Merges overrides into a copy of the base: nested objects are merged key by key, other values replace; a key with
     * dots ({@code training.learning_rate}) is a path into nested objects, created where absent.
     */
    static ObjectNode merge(JsonNode base, JsonNode overrides) {
        ObjectNode out = base != null && base.isObject() ? (ObjectNode) base.deepCopy() : JSON.createObjectNode();
        if (overrides == null || overrides.isNull() || overrides.isMissingNode()) {
            return out;
        }
        if (!overrides.isObject()) {
            throw new IllegalArgumentException("overrides must be an object of keys (dotted paths allowed) to values");
        }
        for (var e : overrides.properties()) {
            String[] path = e.getKey().split("\\.");
            ObjectNode target = out;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = target.get(path[i]);
                if (child == null || !child.isObject()) {
                    child = target.putObject(path[i]);
                }
                target = (ObjectNode) child;
            }
            String last = path[path.length - 1];
            JsonNode existing = target.get(last);
            JsonNode value = e.getValue();
            target.set(last, existing != null && existing.isObject() && value.isObject() ? merge(existing, value)
                    : value.deepCopy());
        }
        return out;
    }
}
