package dev.observatory.server.mcp;

import dev.observatory.mcp.McpExtras;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The fixture tools, resources and prompts that the MCP conformance suite's server scenarios call (names and answers as
 * the suite's scenario descriptions require), added to Observatory's own features through {@link McpExtras}. Test code
 * only.
 */
final class ConformanceFixture {
    /** A 1x1 PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    static final String WAV = wav();

    private ConformanceFixture() {
    }

    static McpExtras extras() {
        return new McpExtras(ConformanceTools.all(), resources(), templates(), prompts(), completions(), true, true);
    }

    static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
            BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, CallToolResult> handler) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(name).description(description).inputSchema(inputSchema).build())
                .callHandler(handler).build();
    }

    static CallToolResult result(Content... content) {
        return CallToolResult.builder().content(List.of(content)).isError(false).build();
    }

    private static List<SyncResourceSpecification> resources() {
        return List.of(
                resource("test://static-text", "static-text", "text/plain",
                        (ex, req) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(
                                req.uri(), "text/plain", "This is the content of the static text resource.")))),
                resource("test://static-binary", "static-binary", "image/png",
                        (ex, req) -> new McpSchema.ReadResourceResult(
                                List.of(new McpSchema.BlobResourceContents(req.uri(), "image/png", PNG)))),
                resource("test://watched-resource", "watched-resource", "text/plain", (ex,
                        req) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(req.uri(),
                                "text/plain", "Watched resource content.")))));
    }

    private static SyncResourceSpecification resource(String uri, String name, String mime,
            BiFunction<McpSyncServerExchange, McpSchema.ReadResourceRequest, McpSchema.ReadResourceResult> read) {
        return new SyncResourceSpecification(McpSchema.Resource.builder().uri(uri).name(name)
                .description("Conformance fixture resource " + name).mimeType(mime).build(), read);
    }

    private static List<SyncResourceTemplateSpecification> templates() {
        var t = McpSchema.ResourceTemplate.builder().uriTemplate("test://template/{id}/data").name("template-data")
                .description("Conformance fixture template").mimeType("application/json").build();
        return List.of(new SyncResourceTemplateSpecification(t, (ex, req) -> {
            String id = req.uri().replaceAll("^test://template/([^/]+)/data$", "$1");
            return new McpSchema.ReadResourceResult(
                    List.of(new McpSchema.TextResourceContents(req.uri(), "application/json",
                            "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}")));
        }));
    }

    private static List<SyncPromptSpecification> prompts() {
        return List.of(
                prompt("test_simple_prompt", List.of(),
                        (ex, req) -> messages(new TextContent("This is a simple prompt for testing."))),
                prompt("test_prompt_with_arguments",
                        List.of(new PromptArgument("arg1", "First test argument", true),
                                new PromptArgument("arg2", "Second test argument", true)),
                        (ex, req) -> messages(new TextContent("Prompt with arguments: arg1='"
                                + req.arguments().get("arg1") + "', arg2='" + req.arguments().get("arg2") + "'"))),
                prompt("test_prompt_with_embedded_resource",
                        List.of(new PromptArgument("resourceUri", "URI of the resource to embed", true)),
                        (ex, req) -> messages(new McpSchema.EmbeddedResource(null,
                                new McpSchema.TextResourceContents(String.valueOf(req.arguments().get("resourceUri")),
                                        "text/plain", "Embedded resource content for testing.")),
                                new TextContent("Please process the embedded resource above."))),
                prompt("test_prompt_with_image", List.of(),
                        (ex, req) -> messages(new McpSchema.ImageContent(null, PNG, "image/png"),
                                new TextContent("Please analyze the image above."))));
    }

    private static SyncPromptSpecification prompt(String name, List<PromptArgument> args,
            BiFunction<McpSyncServerExchange, McpSchema.GetPromptRequest, McpSchema.GetPromptResult> handler) {
        return new SyncPromptSpecification(new McpSchema.Prompt(name, "Conformance fixture prompt " + name, args),
                handler);
    }

    private static McpSchema.GetPromptResult messages(Content... content) {
        return new McpSchema.GetPromptResult(null,
                java.util.Arrays.stream(content).map(c -> new PromptMessage(Role.USER, c)).toList());
    }

    private static List<SyncCompletionSpecification> completions() {
        List<String> words = List.of("paris", "park", "party", "hello", "world");
        return List.of(new SyncCompletionSpecification(new McpSchema.PromptReference("test_prompt_with_arguments"),
                (ex, req) -> {
                    String v = req.argument().value() == null ? "" : req.argument().value();
                    List<String> values = words.stream().filter(w -> w.startsWith(v)).toList();
                    return new McpSchema.CompleteResult(
                            new McpSchema.CompleteResult.CompleteCompletion(values, values.size(), false));
                }));
    }

    /** A 10 ms, 8 kHz, 8-bit mono silent WAV file, base64. */
    private static String wav() {
        int samples = 80;
        ByteBuffer b = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1)
                .putShort((short) 8).put("data".getBytes()).putInt(samples);
        for (int i = 0; i < samples; i++) {
            b.put((byte) 128);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }
}
