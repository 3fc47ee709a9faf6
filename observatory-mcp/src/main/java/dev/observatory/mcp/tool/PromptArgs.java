package dev.observatory.mcp.tool;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;

/** What the prompts share: checking their required arguments and wrapping their text as one user message. */
public final class PromptArgs {
    private PromptArgs() {
    }

    /** The arguments (empty when none); INVALID_PARAMS naming the first required one that is missing or blank. */
    public static Map<String, Object> require(Map<String, Object> given, String prompt, String... required) {
        Map<String, Object> a = given == null ? Map.of() : given;
        for (String r : required) {
            if (!(a.get(r) instanceof String s) || s.isBlank()) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(prompt + " needs the argument " + r)
                        .build();
            }
        }
        return a;
    }

    /** A prompt result of one user message. */
    public static GetPromptResult userMessage(String description, String text) {
        return new GetPromptResult(description, List.of(new PromptMessage(Role.USER, new TextContent(text))));
    }
}
