package dev.observatory.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's JSON Schema validator without its start-up pass. At build time the SDK checks every tool's input and output
 * schema against the JSON Schema meta-schema; for ~130 tools that is ~300 ms of cold, interpreted work on the path to
 * the first {@code initialize} answer of {@code observatory mcp}. Our schemas are fixed at compile time, so
 * {@code ToolSchemasConformTest} makes the very same check for every tool of the catalogue at build time instead, and
 * this validator skips it at run time. Everything else (validating a tool's structured output against its schema on a
 * call) goes to the SDK's default validator, created on first use.
 */
final class CatalogueSchemaValidator implements JsonSchemaValidator {

    private volatile JsonSchemaValidator delegate;

    /** Skipped: the catalogue's schemas are checked by ToolSchemasConformTest at build time. */
    @Override
    public void assertConforms(String what, Map<String, Object> schema) {
        // deliberately empty (see the class comment)
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return delegate().validateSchema(schema);
    }

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator d = delegate;
        if (d == null) {
            d = McpJsonDefaults.getSchemaValidator();
            delegate = d;
        }
        return d;
    }
}
