package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.tool.Json;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;
import java.util.Set;

/** Calls tools of the registry toolset and checks answers against their output schemas. */
final class RegistryCalls {
    static final Set<String> REGISTRY = Set.of("registry");

    private final ToolRegistry tools;

    RegistryCalls(ToolRegistry tools) {
        this.tools = tools;
    }

    ToolOutcome call(String tool, Map<String, Object> args) {
        return tools.invoke(tool, args, TestData.ACTOR, REGISTRY);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = call(tool, args);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(((TextContent) o.result().content().getFirst()).text()).isEqualTo(Json.write(o.data()));
        Map<String, Object> schema = tools.find(tool).orElseThrow().outputSchema();
        var check = McpJsonDefaults.getSchemaValidator().validate(schema, o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    /** Calls the tool, asserts an isError result with the code, and returns its message. */
    String error(String tool, Map<String, Object> args, String code) {
        ToolOutcome o = call(tool, args);
        assertThat(o.result().isError()).as("%s should fail", tool).isTrue();
        assertThat(o.errorCode()).as("%s: %s", tool, o.errorMessage()).isEqualTo(code);
        return o.errorMessage();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> answer, String field) {
        return (Map<String, Object>) answer.get(field);
    }
}
