package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.mcp.tool.ToolDef;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check the SDK would make at every server start (CatalogueSchemaValidator skips it there): every tool's input and
 * output schema conforms to the JSON Schema meta-schema, as judged by the SDK's own default validator.
 */
class ToolSchemasConformTest {
    private final JsonSchemaValidator sdk = McpJsonDefaults.getSchemaValidator();

    @Test
    void everyToolSchemaOfTheCatalogueConformsToTheMetaSchema() {
        for (ToolDef def : ToolCatalog.all()) {
            McpSchema.Tool tool = def.mcpTool();
            assertThatCode(() -> sdk.assertConforms("input schema of " + tool.name(), tool.inputSchema()))
                    .as(tool.name()).doesNotThrowAnyException();
            if (tool.outputSchema() != null) {
                assertThatCode(() -> sdk.assertConforms("output schema of " + tool.name(), tool.outputSchema()))
                        .as(tool.name()).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void theSameCheckRejectsABrokenSchema() {
        Map<String, Object> broken = Map.of("type", "object", "properties", Map.of("n", Map.of("type", 5)));
        assertThatThrownBy(() -> sdk.assertConforms("broken", broken)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theServerValidatorSkipsTheStartUpPassButStillValidatesOutputs() {
        CatalogueSchemaValidator v = new CatalogueSchemaValidator();
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integer")),
                "required", java.util.List.of("n"));
        assertThatCode(() -> v.assertConforms("broken", Map.of("type", 5))).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(v.validate(schema, Map.of("n", 3)).valid()).isTrue();
        org.assertj.core.api.Assertions.assertThat(v.validate(schema, Map.of("n", "x")).valid()).isFalse();
    }

    @Test
    void eachToolsOutputSchemaIsCompiledForItselfAndNestedViolationsAreFound() {
        CatalogueSchemaValidator v = new CatalogueSchemaValidator();
        Map<String, Object> counts = Map.of("type", "object", "properties",
                Map.of("items", Map.of("type", "array", "items", Map.of("type", "integer"))), "required",
                java.util.List.of("items"));
        Map<String, Object> names = Map.of("type", "object", "properties",
                Map.of("items", Map.of("type", "array", "items", Map.of("type", "string"))), "required",
                java.util.List.of("items"));
        Map<String, Object> ints = Map.of("items", java.util.List.of(1, 2));
        Map<String, Object> strings = Map.of("items", java.util.List.of("a", "b"));

        org.assertj.core.api.Assertions.assertThat(v.validate(counts, ints).valid()).isTrue();
        org.assertj.core.api.Assertions.assertThat(v.validate(names, strings).valid()).isTrue();
        org.assertj.core.api.Assertions.assertThat(v.validate(counts, strings).valid()).isFalse();
        org.assertj.core.api.Assertions.assertThat(v.validate(names, ints).valid()).isFalse();
        org.assertj.core.api.Assertions.assertThat(v.validate(counts, Map.of()).errorMessage()).contains("items");
    }
}
