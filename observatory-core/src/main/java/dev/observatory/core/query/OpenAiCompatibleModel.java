package dev.observatory.core.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model behind an OpenAI-compatible {@code POST <base>/chat/completions} (OpenAI, vLLM, Ollama, LM Studio, ...),
 * asked with temperature 0. The API key goes in the Authorization header only; it is never logged nor put in an error
 * message.
 */
final class OpenAiCompatibleModel implements TextModel {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final QuerySettings.AiEndpoint endpoint;
    private final HttpClient client;

    OpenAiCompatibleModel(QuerySettings.AiEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String complete(String systemPrompt, String userPrompt, int maxTokens) {
        Map<String, Object> body = Map.of("model", endpoint.model(), "temperature", 0, "max_tokens", maxTokens,
                "messages", List.of(Map.of("role", "system", "content", systemPrompt),
                        Map.of("role", "user", "content", userPrompt)));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions"))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            req.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        HttpResponse<String> res;
        try {
            res = client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the text-to-SQL endpoint " + endpoint.baseUrl() + " cannot be reached: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the text-to-SQL endpoint", e);
        }
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException("the text-to-SQL endpoint answered HTTP " + res.statusCode());
        }
        JsonNode content = JSON.readTree(res.body()).path("choices").path(0).path("message").path("content");
        if (!content.isString() || content.asString().isBlank()) {
            throw new IllegalStateException("the text-to-SQL endpoint answered without a message");
        }
        return content.asString();
    }
}
