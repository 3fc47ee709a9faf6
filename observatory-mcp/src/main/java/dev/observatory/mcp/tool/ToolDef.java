package dev.observatory.mcp.tool;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * One tool: its definition (name, toolset, description, schemas, hints) paired with its handler.
 *
 * @param name
 *            snake_case, unique across toolsets
 * @param description
 *            one paragraph saying what the tool answers and when to use it
 */
public record ToolDef(String name, String toolset, String title, String description, InputSchema input,
        Map<String, Object> outputSchema, Hints hints, ToolHandler handler) {

    public ToolDef {
        if (!name.matches("[a-z][a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("tool names are snake_case: " + name);
        }
    }

    /** The MCP wire definition. */
    public McpSchema.Tool mcpTool() {
        return McpSchema.Tool.builder().name(name).title(title).description(description).inputSchema(input.jsonSchema())
                .outputSchema(outputSchema).annotations(hints.annotations(title)).build();
    }
}
