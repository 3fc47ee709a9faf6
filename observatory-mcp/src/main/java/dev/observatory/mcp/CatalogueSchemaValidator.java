package dev.observatory.mcp;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's JSON Schema checks, made for a fixed catalogue of tools.
 * <ul>
 * <li>No start-up pass: at build time the SDK checks every tool's input and output schema against the JSON Schema
 * meta-schema; for ~130 tools that is ~300 ms of cold, interpreted work on the path to the first {@code initialize}
 * answer of {@code observatory mcp}. Our schemas are fixed at compile time, so {@code ToolSchemasConformTest} makes the
 * very same check for every tool of the catalogue at build time instead.</li>
 * <li>Every structured tool output is still validated against its output schema on every call, with the same library
 * and dialect as the SDK's default validator (networknt, draft 2020-12), but with the compiled schema found by the
 * identity of the tool's schema map (the SDK's default hashes the whole nested schema on every call) and without
 * writing the validated output back to a JSON text: the SDK uses that text only for a result without content, and every
 * result of {@link ToolRegistry} carries its own text content. On {@code get_run} this was about a third of the
 * validation's cost (decision 0009, docs/benchmarks.md session 8).</li>
 * </ul>
 */
final class CatalogueSchemaValidator implements JsonSchemaValidator {
    /** More distinct schema maps than any catalogue has: the cache is cleared rather than grown past it. */
    private static final int MAX_SCHEMAS = 1024;
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final Map<Identity, Schema> compiled = new ConcurrentHashMap<>();
    private volatile SchemaRegistry registry;
    private volatile JsonSchemaValidator sdk;

    /** A schema map compared by identity: the SDK passes the tool's own map on every call. */
    private record Identity(Map<String, Object> schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    /** Skipped: the catalogue's schemas are checked by ToolSchemasConformTest at build time. */
    @Override
    public void assertConforms(String what, Map<String, Object> schema) {
        // deliberately empty (see the class comment)
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        if (schema == null || structuredContent == null) {
            return ValidationResponse.asInvalid("an output schema and structured content are both needed");
        }
        try {
            JsonNode content = MAPPER.valueToTree(structuredContent);
            List<Error> errors = schema(schema).validate(content);
            return errors.isEmpty() ? ValidationResponse.asValid(null)
                    : ValidationResponse
                            .asInvalid("structured content does not match the tool's output schema: " + errors);
        } catch (RuntimeException e) {
            return ValidationResponse.asInvalid("structured content could not be validated: " + e.getMessage());
        }
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        JsonSchemaValidator d = sdk;
        if (d == null) {
            d = McpJsonDefaults.getSchemaValidator();
            sdk = d;
        }
        return d.validateSchema(schema);
    }

    private Schema schema(Map<String, Object> schema) {
        Identity key = new Identity(schema);
        Schema s = compiled.get(key);
        if (s == null) {
            if (compiled.size() >= MAX_SCHEMAS) {
                compiled.clear();
            }
            s = registry().getSchema(MAPPER.valueToTree(schema));
            compiled.put(key, s);
        }
        return s;
    }

    private SchemaRegistry registry() {
        SchemaRegistry r = registry;
        if (r == null) {
            r = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
            registry = r;
        }
        return r;
    }
}
