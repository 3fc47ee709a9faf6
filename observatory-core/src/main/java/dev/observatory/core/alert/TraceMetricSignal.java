package dev.observatory.core.alert;

import dev.observatory.core.trace.MetricsSnapshot;
import dev.observatory.core.trace.ServiceMetrics;
import dev.observatory.core.trace.Traces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code trace_metric}: a metric of the trace metrics snapshot (error_rate, p99_latency_ms, fallback_rate, ...) per
 * service over a window ending now. Parameters: {@code metric} (required), {@code service} (default: every service),
 * {@code window} (minutes, default 5). One snapshot per window and round serves every rule.
 */
final class TraceMetricSignal implements AlertSignal {
    static final Set<String> METRICS = Set.of("calls", "avg_cost_usd", "fallback_rate", "retry_rate",
            "low_confidence_rate", "confidence_gate_block_rate", "prompt_diff_violation_rate",
            "shadow_disagreement_rate", "deterministic_fallback_rate", "high_risk_path_rate",
            "golden_financial_failure_rate", "error_rate", "avg_confidence", "p50_latency_ms", "p95_latency_ms",
            "p99_latency_ms", "tokens_per_second", "cost_per_hour_usd", "total_cost_usd", "total_tokens");

    @Override
    public String kind() {
        return "trace_metric";
    }

    @Override
    public String description() {
        return "a trace metrics snapshot value per service; params: metric ("
                + String.join(", ", METRICS.stream().sorted().toList())
                + "), service (optional), window_minutes (default 5)";
    }

    @Override
    public void validate(Map<String, String> params) {
        String metric = params.get("metric");
        if (metric == null || !METRICS.contains(metric)) {
            throw new IllegalArgumentException("trace_metric needs params.metric, one of "
                    + METRICS.stream().sorted().toList() + (metric == null ? "" : "; got '" + metric + "'"));
        }
        window(params);
    }

    static Duration window(Map<String, String> params) {
        String w = params.getOrDefault("window_minutes", "5");
        try {
            int m = Integer.parseInt(w.trim());
            if (m < 1 || m > 10_080) {
                throw new NumberFormatException();
            }
            return Duration.ofMinutes(m);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("window_minutes must be 1 to 10080, got '" + w + "'");
        }
    }

    @Override
    public List<Sample> sample(AlertRule rule, Round round) {
        Duration window = window(rule.params());
        MetricsSnapshot snap = round.memo(List.of(kind(), window),
                () -> new Traces(round.tracking()).snapshot(round.now().minus(window), round.now(), null));
        String metric = rule.params().get("metric");
        String service = rule.params().get("service");
        List<Sample> out = new ArrayList<>();
        for (ServiceMetrics m : snap.services()) {
            Double v = m.metrics().get(metric);
            if (v != null && (service == null || service.equals(m.service()))) {
                out.add(new Sample(Map.of("service", m.service()), v, Map.of("window", window.toString())));
            }
        }
        return out;
    }
}
