package dev.observatory.mcp.tool;

import io.modelcontextprotocol.spec.McpSchema;

/** The MCP tool annotations: how a client may treat the tool. */
public record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
    /** Reads only the server's own data: safe to call any time, any number of times. */
    public static final Hints READ_ONLY = new Hints(true, false, true, false);

    McpSchema.ToolAnnotations annotations(String title) {
        return McpSchema.ToolAnnotations.builder().title(title).readOnlyHint(readOnly).destructiveHint(destructive)
                .idempotentHint(idempotent).openWorldHint(openWorld).build();
    }
}
