package dev.observatory.mcp.tool;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tool: its definition (name, toolset, description, schemas, hints) paired with its handler.
 *
 * @param name
 *            snake_case, unique across toolsets
 * @param description
 *            one paragraph saying what the tool answers and when to use it
 * @param toolset
 *            the toolset the tool belongs to
 * @param alsoIn
 *            further toolsets that list the tool too (e.g. a registry tool that {@code core} also offers); the tool is
 *            available when its toolset or any of these is enabled
 */
public record ToolDef(String name, String toolset, String title, String description, InputSchema input,
        Map<String, Object> outputSchema, Hints hints, ToolHandler handler, List<String> alsoIn) {

    public ToolDef {
        if (!name.matches("[a-z][a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("tool names are snake_case: " + name);
        }
        alsoIn = alsoIn == null ? List.of() : List.copyOf(alsoIn);
    }

    /** A tool in one toolset only. */
    public ToolDef(String name, String toolset, String title, String description, InputSchema input,
            Map<String, Object> outputSchema, Hints hints, ToolHandler handler) {
        this(name, toolset, title, description, input, outputSchema, hints, handler, List.of());
    }

    /** This tool, listed in the given toolsets as well as its own. */
    public ToolDef listedAlsoIn(String... toolsets) {
        return new ToolDef(name, toolset, title, description, input, outputSchema, hints, handler, List.of(toolsets));
    }

    /** Whether the tool is in the toolset, as its own or as one it is also listed in. */
    public boolean in(String ts) {
        return toolset.equals(ts) || alsoIn.contains(ts);
    }

    /** Whether the tool is available when these toolsets are enabled. */
    public boolean enabledIn(Set<String> toolsets) {
        return toolsets.contains(toolset) || alsoIn.stream().anyMatch(toolsets::contains);
    }

    /** The MCP wire definition. */
    public McpSchema.Tool mcpTool() {
        return McpSchema.Tool.builder().name(name).title(title).description(description).inputSchema(input.jsonSchema())
                .outputSchema(outputSchema).annotations(hints.annotations(title)).build();
    }
}
