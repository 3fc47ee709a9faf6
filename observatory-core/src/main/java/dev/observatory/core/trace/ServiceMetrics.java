package dev.observatory.core.trace;

import java.util.Map;

/**
 * The metrics snapshot of one service's calls in a window. {@code metrics} holds the named values (null when there is
 * nothing to compute them from, e.g. a rate whose calls never carry the signal): {@code calls}, {@code avg_cost_usd},
 * {@code fallback_rate}, {@code retry_rate}, {@code low_confidence_rate}, {@code confidence_gate_block_rate},
 * {@code prompt_diff_violation_rate}, {@code shadow_disagreement_rate}, {@code deterministic_fallback_rate},
 * {@code high_risk_path_rate}, {@code golden_financial_failure_rate}, {@code error_rate}, {@code avg_confidence},
 * {@code p50_latency_ms}, {@code p95_latency_ms}, {@code p99_latency_ms}, {@code tokens_per_second},
 * {@code cost_per_hour_usd}, {@code total_cost_usd}, {@code total_tokens}.
 * <p>
 * Rates of events (fallback, retry, deterministic fallback, high-risk path, error, gate block) are over all calls;
 * rates of conditions (low confidence, prompt-diff violation, shadow disagreement, golden failure) are over the calls
 * that carry that signal.
 */
public record ServiceMetrics(String service, Map<String, Double> metrics) {

    public ServiceMetrics {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}
