package dev.observatory.core.trace;

/**
 * One model's calls in a window, side by side with others'. Rates and averages are null without the data.
 *
 * @param avgConfidence
 *            mean {@code observatory.confidence} of the calls carrying one
 */
public record ModelComparison(String model, long calls, Double errorRate, double p50LatencyMs, double p95LatencyMs,
        Double avgCostUsd, double totalCostUsd, Double avgInputTokens, Double avgOutputTokens, Double avgConfidence,
        Double fallbackRate, Double lowConfidenceRate) {
}
