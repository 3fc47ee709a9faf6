package dev.observatory.core.query;

import java.time.Duration;

/**
 * Limits of SQL queries and the optional text-to-SQL endpoint.
 *
 * @param maxRows
 *            most rows one query may ask for (1-5000)
 * @param timeout
 *            time limit of one query (a call may ask for less, never more)
 * @param ai
 *            the OpenAI-compatible endpoint of generate_ai_query, or null when none is configured
 */
public record QuerySettings(int maxRows, Duration timeout, AiEndpoint ai) {

    /** Rows a query returns when the call does not say. */
    public static final int DEFAULT_ROWS = 200;
    /** Highest row limit there is. */
    public static final int MAX_ROWS = 5_000;

    public QuerySettings {
        if (maxRows < 1 || maxRows > MAX_ROWS) {
            throw new IllegalArgumentException("query_max_rows must be between 1 and " + MAX_ROWS + ", got " + maxRows);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("query_timeout_seconds must be positive");
        }
    }

    /** 5,000 rows, 10 seconds, no endpoint. */
    public static QuerySettings defaults() {
        return new QuerySettings(MAX_ROWS, Duration.ofSeconds(10), null);
    }

    /**
     * An OpenAI-compatible chat completions endpoint.
     *
     * @param baseUrl
     *            e.g. {@code https://api.openai.com/v1} ({@code /chat/completions} is appended)
     * @param model
     *            model name sent with each request
     * @param apiKey
     *            bearer token, or null; never logged nor shown
     */
    public record AiEndpoint(String baseUrl, String model, String apiKey) {

        public AiEndpoint {
            if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
                throw new IllegalArgumentException("ai_query_url must be an http(s) URL, got '" + baseUrl + "'");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("ai_query_model is needed with ai_query_url");
            }
            baseUrl = baseUrl.replaceAll("/+$", "");
        }

        /** Without the key. */
        @Override
        public String toString() {
            return "AiEndpoint[" + baseUrl + ", model=" + model + ", key=" + (apiKey == null ? "none" : "***") + "]";
        }
    }
}
