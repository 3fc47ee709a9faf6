package dev.observatory.core.query;

/**
 * A language model that completes a prompt: the MCP client's own model through sampling, or an OpenAI-compatible
 * endpoint. Throws IllegalStateException (with a reason) when the model cannot answer.
 */
@FunctionalInterface
public interface TextModel {
    String complete(String systemPrompt, String userPrompt, int maxTokens);
}
