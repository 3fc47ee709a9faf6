package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.mcp.tool.ArgumentException;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Param;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputSchemaTest {
    final InputSchema schema = InputSchema.of(
            Param.string("run_id", "Run id.").required().between(1, 100).example("\"abc\""),
            Param.integer("limit", "Page size.").between(1, 200).defaultsTo(50),
            Param.string("order", "Direction.").oneOf(List.of("asc", "desc")),
            Param.strings("tags", "Tags.").between(0, 3), Param.scalarMap("params", "Params."));

    @Test
    void rendersAJsonSchemaWithRequiredFieldsBoundsEnumsAndDefaults() {
        Map<String, Object> s = schema.jsonSchema();
        assertThat(s).containsEntry("type", "object").containsEntry("required", List.of("run_id"))
                .containsEntry("additionalProperties", false);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) s.get("properties");
        assertThat(props.get("limit")).containsEntry("type", "integer").containsEntry("minimum", 1)
                .containsEntry("maximum", 200).containsEntry("default", 50);
        assertThat(props.get("order")).containsEntry("enum", List.of("asc", "desc"));
        assertThat(props.get("tags")).containsEntry("type", "array").containsEntry("maxItems", 3);
    }

    @Test
    void fillsDefaultsAndTypesValues() {
        Args a = schema.validate(Map.of("run_id", "r1", "order", "DESC", "params", Map.of("lr", 0.001, "n", 3.0)));
        assertThat(a.intValue("limit")).isEqualTo(50);
        assertThat(a.string("order")).isEqualTo("desc");
        assertThat(a.scalarMap("params")).containsEntry("lr", "0.001").containsEntry("n", "3");
        assertThat(a.strings("tags")).isEmpty();
    }

    @Test
    void aMissingRequiredArgumentIsNamedWithAnExample() {
        assertThatThrownBy(() -> schema.validate(Map.of())).isInstanceOf(ArgumentException.class)
                .hasMessageContaining("missing required argument 'run_id' (a string)")
                .hasMessageContaining("{\"run_id\": \"abc\"}");
    }

    @Test
    void aStringWhereANumberBelongsIsNamed() {
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "r", "limit", "ten")))
                .hasMessageContaining("argument 'limit' must be an integer, got the string \"ten\"")
                .hasMessageContaining("{\"limit\": 10}");
    }

    @Test
    void integralNumbersAreAcceptedAsIntegersButFractionsAreNot() {
        assertThat(schema.validate(Map.of("run_id", "r", "limit", 20.0)).intValue("limit")).isEqualTo(20);
        assertThat(schema.validate(Map.of("run_id", "r", "limit", new BigDecimal("30"))).intValue("limit"))
                .isEqualTo(30);
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "r", "limit", 2.5)))
                .hasMessageContaining("'limit' must be an integer");
    }

    @Test
    void boundsEnumsArraysAndUnknownArgumentsAreChecked() {
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "r", "limit", 500)))
                .hasMessageContaining("argument 'limit' must be between 1 and 200, got 500");
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "r", "order", "up")))
                .hasMessageContaining("argument 'order' must be one of asc, desc, got \"up\"");
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "r", "tags", "a")))
                .hasMessageContaining("argument 'tags' must be an array of strings, got the string \"a\"");
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "r", "tags", List.of("a", 3))))
                .hasMessageContaining("item 1 of argument 'tags' must be a string, got the number 3");
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "r", "colour", "red"))).hasMessageContaining(
                "unknown argument 'colour': valid arguments are run_id, limit, order, tags," + " params");
        assertThatThrownBy(() -> schema.validate(Map.of("run_id", "")))
                .hasMessageContaining("argument 'run_id' must not be empty");
    }

    @Test
    void nullMeansAbsent() {
        java.util.HashMap<String, Object> m = new java.util.HashMap<>();
        m.put("run_id", "r");
        m.put("limit", null);
        assertThat(schema.validate(m).intValue("limit")).isEqualTo(50);
    }
}
