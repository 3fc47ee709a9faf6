package dev.observatory.model.trace;

/**
 * The columns derived from a span's attributes at ingest (OpenTelemetry GenAI and MCP semantic conventions, plus the
 * {@code observatory.*} reliability attributes): what the common questions filter and aggregate on. Every field may be
 * null when the span does not carry it.
 *
 * @param operation
 *            {@code gen_ai.operation.name} (chat, text_completion, embeddings, execute_tool, ...) or, for MCP spans,
 *            {@code mcp.method.name}
 * @param provider
 *            {@code gen_ai.provider.name} or the older {@code gen_ai.system}
 * @param model
 *            {@code gen_ai.response.model}, else {@code gen_ai.request.model}
 * @param toolName
 *            {@code gen_ai.tool.name}, else the MCP tool ({@code mcp.tool.name})
 * @param userId
 *            {@code enduser.id} / {@code user.id}
 * @param inputTokens
 *            {@code gen_ai.usage.input_tokens} (or {@code prompt_tokens}), or an estimate
 * @param outputTokens
 *            {@code gen_ai.usage.output_tokens} (or {@code completion_tokens}), or an estimate
 * @param tokensEstimated
 *            true when the token counts were estimated from the prompt/response text
 * @param costUsd
 *            cost in US dollars; null when unknown
 * @param costNote
 *            why the cost is null (e.g. unknown model), or where it came from
 * @param errorType
 *            {@code error.type}, else the first exception event's {@code exception.type}; null when not failed
 * @param reliability
 *            the {@code observatory.*} reliability signals (never null; fields null when absent)
 */
public record SpanFacts(String operation, String provider, String model, String toolName, String userId,
        Long inputTokens, Long outputTokens, boolean tokensEstimated, Double costUsd, String costNote, String errorType,
        SpanReliability reliability) {

    /** Nothing derived. */
    public static final SpanFacts NONE = new SpanFacts(null, null, null, null, null, null, null, false, null, null,
            null, SpanReliability.NONE);

    public SpanFacts {
        reliability = reliability == null ? SpanReliability.NONE : reliability;
    }

    /** Input plus output tokens, null when neither is known. */
    public Long totalTokens() {
        if (inputTokens == null && outputTokens == null) {
            return null;
        }
        return (inputTokens == null ? 0 : inputTokens) + (outputTokens == null ? 0 : outputTokens);
    }

    public SpanFacts withTokens(Long input, Long output, boolean estimated) {
        return new SpanFacts(operation, provider, model, toolName, userId, input, output, estimated, costUsd, costNote,
                errorType, reliability);
    }

    public SpanFacts withCost(Double usd, String note) {
        return new SpanFacts(operation, provider, model, toolName, userId, inputTokens, outputTokens, tokensEstimated,
                usd, note, errorType, reliability);
    }
}
