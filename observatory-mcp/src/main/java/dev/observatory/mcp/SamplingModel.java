package dev.observatory.mcp;

import dev.observatory.core.query.TextModel;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** The client's model behind {@code sampling/createMessage}, for clients that declared the sampling capability. */
final class SamplingModel implements TextModel {

    private final McpSyncServerExchange exchange;

    private SamplingModel(McpSyncServerExchange exchange) {
        this.exchange = exchange;
    }

    /** The client's model, or null when the client did not declare sampling. */
    static TextModel of(McpSyncServerExchange exchange) {
        if (exchange == null || exchange.getClientCapabilities() == null
                || exchange.getClientCapabilities().sampling() == null) {
            return null;
        }
        return new SamplingModel(exchange);
    }

    @Override
    public String complete(String systemPrompt, String userPrompt, int maxTokens) {
        McpSchema.CreateMessageRequest request = McpSchema.CreateMessageRequest.builder()
                .messages(List
                        .of(new McpSchema.SamplingMessage(McpSchema.Role.USER, new McpSchema.TextContent(userPrompt))))
                .systemPrompt(systemPrompt).temperature(0.0).maxTokens(maxTokens).build();
        McpSchema.CreateMessageResult result = exchange.createMessage(request);
        if (result == null || !(result.content() instanceof McpSchema.TextContent text)) {
            throw new IllegalStateException("the client's model answered without text");
        }
        return text.text();
    }
}
