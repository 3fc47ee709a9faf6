package dev.observatory.client.apm;

/**
 * Rates above which {@link Interceptor#getActiveAlerts()} reports an alert (fractions of calls in the window), and the
 * p95 latency limit in milliseconds.
 */
public record AlertThresholds(double fallbackRate, double retryRate, double lowConfidenceRate,
        double confidenceGateBlockRate, double promptDiffViolationRate, double shadowDisagreementRate,
        double goldenFailureRate, double errorRate, double p95LatencyMs, double lowConfidence,
        double promptDiffViolation) {

    /**
     * Fallback 10 %, retries 20 %, low confidence 25 %, gate blocks 20 %, prompt-diff violations 10 %, shadow
     * disagreement 15 %, golden failures 0 % (any failure alerts), errors 5 %, p95 10 s; "low confidence" is below 0.5,
     * a prompt-diff violation a score above 0.3.
     */
    public static AlertThresholds defaults() {
        return new AlertThresholds(0.10, 0.20, 0.25, 0.20, 0.10, 0.15, 0.0, 0.05, 10_000, 0.5, 0.3);
    }
}
