package dev.observatory.client.apm;

/**
 * Rates over the interceptor's window of recent calls (fractions of calls, 0 when there were none; rates of a signal
 * count only the calls that reported it, e.g. {@code shadowDisagreementRate} among calls with a shadow result).
 */
public record MetricsSnapshot(String service, long calls, Double avgCostUsd, double fallbackRate, double retryRate,
        double lowConfidenceRate, double confidenceGateBlockRate, double promptDiffViolationRate,
        double shadowDisagreementRate, double deterministicFallbackRate, double highRiskPathRate,
        double goldenFinancialFailureRate, double errorRate, double p50LatencyMs, double p95LatencyMs,
        double p99LatencyMs, long promptTokens, long completionTokens) {
}
