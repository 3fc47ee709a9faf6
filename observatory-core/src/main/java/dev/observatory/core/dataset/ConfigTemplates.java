package dev.observatory.core.dataset;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The templates shipped as resources ({@code templates/<name>.yaml} with {@code <name>.schema.json} next to this
 * class), loaded once, with their compiled JSON Schemas.
 */
final class ConfigTemplates {
    /** Template names in catalogue order. */
    static final List<String> NAMES = List.of("lora-finetune", "full-finetune", "classifier");

    private static final Map<String, ConfigTemplate> TEMPLATES = new LinkedHashMap<>();
    private static final Map<String, Schema> SCHEMAS = new LinkedHashMap<>();

    static {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (String name : NAMES) {
            String yaml = resource(name + ".yaml");
            JsonNode defaults = ConfigDocuments.parse(yaml, "yaml");
            JsonNode schema = ConfigDocuments.parse(resource(name + ".schema.json"), "json");
            List<String> sections = new ArrayList<>(schema.get("properties").propertyNames());
            TEMPLATES.put(name, new ConfigTemplate(name, defaults.path("description").asString(""), yaml, defaults,
                    schema, List.copyOf(sections)));
            SCHEMAS.put(name, registry.getSchema(schema));
        }
    }

    private ConfigTemplates() {
    }

    static List<ConfigTemplate> all() {
        return List.copyOf(TEMPLATES.values());
    }

    /** The template; IllegalArgumentException listing the valid names when unknown. */
    static ConfigTemplate get(String name) {
        ConfigTemplate t = name == null ? null : TEMPLATES.get(name.trim());
        if (t == null) {
            throw new IllegalArgumentException(
                    "unknown template '" + name + "': choose one of " + String.join(", ", NAMES));
        }
        return t;
    }

    /** Violations of the template's schema, ordered by path. */
    static List<Violation> validate(String template, JsonNode config) {
        get(template);
        List<Violation> out = new ArrayList<>();
        for (Error e : SCHEMAS.get(template.trim()).validate(config)) {
            out.add(violation(e));
        }
        out.sort(java.util.Comparator.comparing(Violation::path).thenComparing(Violation::message));
        return out;
    }

    private static Violation violation(Error e) {
        String pointer = e.getInstanceLocation().toString();
        String message = e.getMessage();
        if (message.startsWith(pointer + ": ")) {
            message = message.substring(pointer.length() + 2);
        }
        StringBuilder path = jsonPath(e.getInstanceLocation());
        if (("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))
                && e.getProperty() != null) {
            appendName(path, e.getProperty());
        }
        return new Violation(path.toString(), message, e.getKeyword());
    }

    /** {@code $.training.learning_rate}, {@code $.lora.target_modules[2]}, {@code $['odd key']}. */
    private static StringBuilder jsonPath(NodePath location) {
        StringBuilder sb = new StringBuilder("$");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                appendName(sb, String.valueOf(element));
            }
        }
        return sb;
    }

    private static void appendName(StringBuilder sb, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            sb.append('.').append(name);
        } else {
            sb.append("['").append(name.replace("'", "\\'")).append("']");
        }
    }

    private static String resource(String file) {
        try (InputStream in = ConfigTemplates.class.getResourceAsStream("templates/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource templates/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
