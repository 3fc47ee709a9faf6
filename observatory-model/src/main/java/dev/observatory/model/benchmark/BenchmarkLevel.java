package dev.observatory.model.benchmark;

/**
 * What one concurrency level of a benchmark measured. Latencies are milliseconds from HdrHistogram (3 significant
 * digits).
 *
 * @param requests
 *            requests completed (successes and errors)
 * @param errors
 *            requests that failed: connection errors, timeouts and non-2xx answers
 * @param durationSeconds
 *            wall time of the level
 * @param throughputRps
 *            requests per second (requests / durationSeconds)
 * @param completionTokens
 *            completion tokens reported by the API's OpenAI-style {@code usage}; null when no answer reported usage
 * @param tokensPerSecond
 *            completionTokens / durationSeconds; null without usage
 * @param firstError
 *            the first error's description, null without errors
 */
public record BenchmarkLevel(int concurrency, long requests, long errors, double durationSeconds, double throughputRps,
        double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs, Long completionTokens,
        Double tokensPerSecond, String firstError) {

    /** errors / requests, 0 without requests. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
