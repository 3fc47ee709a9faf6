package dev.observatory.core.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * What run_benchmark sends and how long. Each concurrency level runs for {@code duration}, or until {@code requests}
 * requests completed when that is given (whichever comes first).
 *
 * @param endpoint
 *            base URL of the service, e.g. {@code http://127.0.0.1:8000}; a URL with a path other than "/" is used as
 *            is (then {@code path} is ignored)
 * @param path
 *            request path, default {@code /v1/completions}
 * @param method
 *            POST (default) or GET
 * @param payloads
 *            request bodies sent round-robin (JSON text); empty: bodies built from {@code prompts}
 * @param prompts
 *            prompts turned into OpenAI completion bodies {@code {"model", "prompt", "max_tokens"}}
 * @param maxTokens
 *            max_tokens of the bodies built from prompts
 * @param concurrency
 *            concurrency levels, run in order (each = that many connections sending back to back)
 * @param requests
 *            requests per level, null for duration only
 * @param timeout
 *            per-request timeout
 * @param model
 *            registered model name the results are stored under
 * @param version
 *            the model version (number or alias) the endpoint serves
 * @param deploymentId
 *            the deployment measured, null for a plain endpoint (deployments resolve to their endpoint)
 */
public record BenchmarkRequest(String endpoint, String path, String method, List<String> payloads, List<String> prompts,
        int maxTokens, List<Integer> concurrency, Duration duration, Long requests, Duration timeout, String model,
        String version, String deploymentId) {

    public static final String DEFAULT_PATH = "/v1/completions";

    public BenchmarkRequest {
        path = path == null || path.isBlank() ? DEFAULT_PATH : path;
        method = method == null || method.isBlank() ? "POST" : method.toUpperCase(java.util.Locale.ROOT);
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        concurrency = concurrency == null || concurrency.isEmpty() ? List.of(1) : List.copyOf(concurrency);
        duration = duration == null ? Duration.ofSeconds(10) : duration;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxTokens = maxTokens <= 0 ? 16 : maxTokens;
    }

    /** A request against an endpoint with prompts, the given levels and a request count per level. */
    public static BenchmarkRequest of(String endpoint, String model, String version, List<String> prompts,
            List<Integer> concurrency, long requestsPerLevel) {
        return new BenchmarkRequest(endpoint, null, null, null, prompts, 16, concurrency, Duration.ofSeconds(60),
                requestsPerLevel, null, model, version, null);
    }
}
