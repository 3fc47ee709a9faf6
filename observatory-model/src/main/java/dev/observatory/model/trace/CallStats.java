package dev.observatory.model.trace;

/**
 * Counts over the calls (spans with a GenAI/MCP operation, a model or a tool name) of one group in a time window: what
 * the metrics snapshot's rates and the model comparison are computed from.
 *
 * @param key
 *            the group (a service or a model; null when the calls have none)
 * @param lowConfidence
 *            calls whose confidence is below their gate threshold, or below the query's default when they have none
 * @param withConfidence
 *            calls carrying a confidence
 * @param promptDiffViolations
 *            calls whose prompt-diff score is above the query's limit
 * @param withPromptDiff
 *            calls carrying a prompt-diff score
 * @param shadowDisagreements
 *            calls whose shadow model disagreed
 * @param withShadow
 *            calls carrying a shadow agreement
 * @param goldenFailures
 *            golden scenarios that did not pass
 * @param goldenScenarios
 *            calls replaying a golden scenario
 * @param withGate
 *            calls carrying a gate decision (blocked or not)
 * @param costUsd
 *            sum of known costs
 * @param withCost
 *            calls with a known cost
 * @param p50Nanos
 *            latency percentiles (continuous interpolation), 0 without calls
 */
public record CallStats(String key, long calls, long errors, long retried, long fallbacks, long lowConfidence,
        long withConfidence, double confidenceSum, long gateBlocked, long withGate, long promptDiffViolations,
        long withPromptDiff, long shadowDisagreements, long withShadow, long deterministicFallbacks, long highRiskPaths,
        long goldenFailures, long goldenScenarios, long inputTokens, long outputTokens, double costUsd, long withCost,
        long p50Nanos, long p95Nanos, long p99Nanos, long durationSumNanos) {
}
