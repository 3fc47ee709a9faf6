package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.tool.Json;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helpers for calling tools through the registry. */
final class Calls {
    private Calls() {
    }

    static ToolOutcome call(ToolRegistry registry, String tool, Map<String, Object> args) {
        return registry.invoke(tool, args, TestData.ACTOR, Set.of("core"));
    }

    /** Calls the tool, asserts success and that the text block is the same JSON as the structured content. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(ToolRegistry registry, String tool, Map<String, Object> args) {
        ToolOutcome o = call(registry, tool, args);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(o.result().isError()).isFalse();
        assertThat(((TextContent) o.result().content().getFirst()).text()).isEqualTo(Json.write(o.data()));
        Map<String, Object> schema = registry.find(tool).orElseThrow().outputSchema();
        var check = McpJsonDefaults.getSchemaValidator().validate(schema, o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    static String text(ToolOutcome o) {
        return ((TextContent) o.result().content().getFirst()).text();
    }
}
