package dev.observatory.server.mcp;

import static dev.observatory.server.mcp.ConformanceFixture.PNG;
import static dev.observatory.server.mcp.ConformanceFixture.WAV;
import static dev.observatory.server.mcp.ConformanceFixture.result;
import static dev.observatory.server.mcp.ConformanceFixture.tool;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conformance suite's fixture tools (test_simple_text, test_sampling, json_schema_2020_12_tool, ...). */
final class ConformanceTools {
    static final Map<String, Object> NO_ARGS = Map.of("type", "object", "properties", Map.of());

    private ConformanceTools() {
    }

    static List<SyncToolSpecification> all() {
        return List.of(
                tool("test_simple_text", "Returns simple text.", NO_ARGS,
                        (ex, req) -> result(new TextContent("This is a simple text response for testing."))),
                tool("test_image_content", "Returns an image.", NO_ARGS,
                        (ex, req) -> result(new McpSchema.ImageContent(null, PNG, "image/png"))),
                tool("test_audio_content", "Returns audio.", NO_ARGS,
                        (ex, req) -> result(new McpSchema.AudioContent(null, WAV, "audio/wav"))),
                tool("test_embedded_resource", "Returns an embedded resource.", NO_ARGS,
                        (ex, req) -> result(new McpSchema.EmbeddedResource(null,
                                new McpSchema.TextResourceContents("test://embedded-resource", "text/plain",
                                        "This is an embedded resource content.")))),
                tool("test_multiple_content_types", "Returns text, an image and a resource.", NO_ARGS,
                        (ex, req) -> result(new TextContent("Multiple content types test:"),
                                new McpSchema.ImageContent(null, PNG, "image/png"),
                                new McpSchema.EmbeddedResource(null,
                                        new McpSchema.TextResourceContents("test://mixed-content-resource",
                                                "application/json", "{\"test\":\"data\",\"value\":123}")))),
                tool("test_tool_with_logging", "Sends three log messages.", NO_ARGS, ConformanceTools::logging),
                tool("test_tool_with_progress", "Reports progress.", NO_ARGS, ConformanceTools::progress),
                tool("test_error_handling", "Always fails.", NO_ARGS, (ex, req) -> CallToolResult.builder()
                        .addTextContent("This tool intentionally returns an error for testing").isError(true).build()),
                tool("test_sampling", "Asks the client's LLM.", stringArg("prompt", "The prompt to send to the LLM"),
                        ConformanceTools::sampling),
                tool("test_elicitation", "Asks the user.", stringArg("message", "The message to show the user"),
                        (ex, req) -> elicit(ex, String.valueOf(req.arguments().get("message")), Map.of("type", "object",
                                "properties",
                                Map.of("username", Map.of("type", "string", "description", "User's response"), "email",
                                        Map.of("type", "string", "description", "User's email address")),
                                "required", List.of("username", "email")), "User response: ")),
                tool("test_elicitation_sep1034_defaults", "Elicitation with defaults.", NO_ARGS,
                        (ex, req) -> elicit(ex, "Please accept the defaults", defaultsSchema(),
                                "Elicitation completed: ")),
                tool("test_elicitation_sep1330_enums", "Elicitation with enums.", NO_ARGS,
                        (ex, req) -> elicit(ex, "Please pick options", ConformanceSchemas.enums(),
                                "Elicitation completed: ")),
                tool("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features",
                        ConformanceSchemas.jsonSchema2020(), (ex, req) -> result(new TextContent("ok"))),
                tool("test_reconnection", "Answers normally (the SDK cannot close the SSE stream mid-call).", NO_ARGS,
                        (ex, req) -> result(new TextContent("Reconnection test completed successfully"))));
    }

    static Map<String, Object> stringArg(String name, String description) {
        return Map.of("type", "object", "properties",
                Map.of(name, Map.of("type", "string", "description", description)), "required", List.of(name));
    }

    private static CallToolResult logging(McpSyncServerExchange ex, McpSchema.CallToolRequest req) {
        for (String msg : List.of("Tool execution started", "Tool processing data", "Tool execution completed")) {
            ex.loggingNotification(McpSchema.LoggingMessageNotification.builder(McpSchema.LoggingLevel.INFO, msg)
                    .logger("conformance").build());
            pause();
        }
        return result(new TextContent("Logging test completed"));
    }

    private static CallToolResult progress(McpSyncServerExchange ex, McpSchema.CallToolRequest req) {
        Object token = req.meta() == null ? null : req.meta().get("progressToken");
        for (int p : new int[] { 0, 50, 100 }) {
            if (token != null) {
                ex.progressNotification(new McpSchema.ProgressNotification(token, p, 100.0, "step " + p));
            }
            if (p < 100) {
                pause();
            }
        }
        return result(new TextContent("Progress test completed"));
    }

    private static CallToolResult sampling(McpSyncServerExchange ex, McpSchema.CallToolRequest req) {
        if (ex.getClientCapabilities() == null || ex.getClientCapabilities().sampling() == null) {
            return CallToolResult.builder().addTextContent("the client does not support sampling").isError(true)
                    .build();
        }
        var msg = new McpSchema.SamplingMessage(McpSchema.Role.USER,
                new TextContent(String.valueOf(req.arguments().get("prompt"))));
        var r = ex
                .createMessage(McpSchema.CreateMessageRequest.builder().messages(List.of(msg)).maxTokens(100).build());
        String text = r.content() instanceof TextContent t ? t.text() : String.valueOf(r.content());
        return result(new TextContent("LLM response: " + text));
    }

    private static CallToolResult elicit(McpSyncServerExchange ex, String message, Map<String, Object> schema,
            String prefix) {
        if (ex.getClientCapabilities() == null || ex.getClientCapabilities().elicitation() == null) {
            return CallToolResult.builder().addTextContent("the client does not support elicitation").isError(true)
                    .build();
        }
        var r = ex.createElicitation(McpSchema.ElicitFormRequest.builder(message, schema).build());
        return result(new TextContent(prefix + "action=" + r.action().name().toLowerCase(java.util.Locale.ROOT)
                + ", content=" + r.content()));
    }

    private static Map<String, Object> defaultsSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", Map.of("type", "string", "description", "User name", "default", "John Doe"));
        props.put("age", Map.of("type", "integer", "description", "User age", "default", 30));
        props.put("score", Map.of("type", "number", "description", "User score", "default", 95.5));
        props.put("status", Map.of("type", "string", "description", "User status", "enum",
                List.of("active", "inactive", "pending"), "default", "active"));
        props.put("verified", Map.of("type", "boolean", "description", "Verification status", "default", true));
        return Map.of("type", "object", "properties", props, "required", List.of());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
