package dev.observatory.core.trace;

import dev.observatory.model.trace.CallStats;
import dev.observatory.model.trace.StatsQuery;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSignal;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.store.TraceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes the metrics snapshot, the active alerts and the model comparison from the store's call stats. */
final class TraceMetrics {

    /** Example traces per alert. */
    static final int EXAMPLES = 3;
    private static final Map<String, TraceSignal> SIGNALS = new LinkedHashMap<>();

    static {
        SIGNALS.put("fallback_rate", TraceSignal.FALLBACK);
        SIGNALS.put("retry_rate", TraceSignal.RETRY);
        SIGNALS.put("low_confidence_rate", TraceSignal.LOW_CONFIDENCE);
        SIGNALS.put("confidence_gate_block_rate", TraceSignal.GATE_BLOCKED);
        SIGNALS.put("prompt_diff_violation_rate", TraceSignal.PROMPT_DIFF_VIOLATION);
        SIGNALS.put("shadow_disagreement_rate", TraceSignal.SHADOW_DISAGREEMENT);
        SIGNALS.put("deterministic_fallback_rate", TraceSignal.DETERMINISTIC_FALLBACK);
        SIGNALS.put("high_risk_path_rate", TraceSignal.HIGH_RISK_PATH);
        SIGNALS.put("golden_financial_failure_rate", TraceSignal.GOLDEN_FAILURE);
        SIGNALS.put("error_rate", TraceSignal.ERROR);
    }

    private final TraceStore store;
    private final AlertThresholds thresholds;

    TraceMetrics(TraceStore store, AlertThresholds thresholds) {
        this.store = store;
        this.thresholds = thresholds;
    }

    StatsQuery query(Instant from, Instant to, String service, StatsQuery.GroupBy groupBy) {
        return new StatsQuery(Traces.nanos(from), Traces.nanos(to), service, groupBy,
                thresholds.get("low_confidence_below"), thresholds.get("prompt_diff_violation_above"));
    }

    MetricsSnapshot snapshot(Instant from, Instant to, String service) {
        List<ServiceMetrics> out = new ArrayList<>();
        double seconds = Math.max(1e-9, (Traces.nanos(to) - Traces.nanos(from)) / 1e9);
        for (CallStats s : store.callStats(query(from, to, service, StatsQuery.GroupBy.SERVICE))) {
            out.add(new ServiceMetrics(s.key(), metrics(s, seconds)));
        }
        return new MetricsSnapshot(from, to, out);
    }

    static Map<String, Double> metrics(CallStats s, double seconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("calls", (double) s.calls());
        m.put("avg_cost_usd", ratio(s.costUsd(), s.withCost()));
        m.put("fallback_rate", ratio(s.fallbacks(), s.calls()));
        m.put("retry_rate", ratio(s.retried(), s.calls()));
        m.put("low_confidence_rate", ratio(s.lowConfidence(), s.withConfidence()));
        m.put("confidence_gate_block_rate", ratio(s.gateBlocked(), s.calls()));
        m.put("prompt_diff_violation_rate", ratio(s.promptDiffViolations(), s.withPromptDiff()));
        m.put("shadow_disagreement_rate", ratio(s.shadowDisagreements(), s.withShadow()));
        m.put("deterministic_fallback_rate", ratio(s.deterministicFallbacks(), s.calls()));
        m.put("high_risk_path_rate", ratio(s.highRiskPaths(), s.calls()));
        m.put("golden_financial_failure_rate", ratio(s.goldenFailures(), s.goldenScenarios()));
        m.put("error_rate", ratio(s.errors(), s.calls()));
        m.put("avg_confidence", ratio(s.confidenceSum(), s.withConfidence()));
        m.put("p50_latency_ms", s.calls() == 0 ? null : s.p50Nanos() / 1e6);
        m.put("p95_latency_ms", s.calls() == 0 ? null : s.p95Nanos() / 1e6);
        m.put("p99_latency_ms", s.calls() == 0 ? null : s.p99Nanos() / 1e6);
        m.put("tokens_per_second", (s.inputTokens() + s.outputTokens()) / seconds);
        m.put("cost_per_hour_usd", s.costUsd() / seconds * 3600);
        m.put("total_cost_usd", s.costUsd());
        m.put("total_tokens", (double) (s.inputTokens() + s.outputTokens()));
        return m;
    }

    private static Double ratio(double part, double whole) {
        return whole == 0 ? null : part / whole;
    }

    List<Alert> alerts(Instant from, Instant to, String service) {
        List<Alert> out = new ArrayList<>();
        for (ServiceMetrics sm : snapshot(from, to, service).services()) {
            long calls = sm.metrics().get("calls").longValue();
            if (calls < AlertThresholds.MIN_CALLS) {
                continue;
            }
            for (Map.Entry<String, Double> e : sm.metrics().entrySet()) {
                Double threshold = thresholds.values().get(e.getKey());
                if (threshold == null || e.getValue() == null || e.getValue() <= threshold) {
                    continue;
                }
                out.add(new Alert(sm.service(), e.getKey(), e.getValue(), threshold, calls,
                        examples(e.getKey(), query(from, to, sm.service(), StatsQuery.GroupBy.SERVICE))));
            }
        }
        return out;
    }

    private List<String> examples(String metric, StatsQuery q) {
        TraceSignal signal = SIGNALS.get(metric);
        if (signal != null) {
            return store.tracesWith(q, signal, EXAMPLES);
        }
        if (metric.contains("latency")) {
            TraceQuery slowest = new TraceQuery(q.service(), null, null, null, 0, q.fromNanos(), q.toNanos(),
                    TraceQuery.Order.SLOWEST, null, EXAMPLES);
            return store.listTraces(slowest).stream().map(TraceSummary::traceId).toList();
        }
        return store.costliestTraces(q, EXAMPLES);
    }

    List<ModelComparison> compare(Instant from, Instant to, String service, List<String> models) {
        List<ModelComparison> out = new ArrayList<>();
        for (CallStats s : store.callStats(query(from, to, service, StatsQuery.GroupBy.MODEL))) {
            if (s.key() == null || (!models.isEmpty() && !models.contains(s.key()))) {
                continue;
            }
            out.add(new ModelComparison(s.key(), s.calls(), ratio(s.errors(), s.calls()), s.p50Nanos() / 1e6,
                    s.p95Nanos() / 1e6, ratio(s.costUsd(), s.withCost()), s.costUsd(),
                    ratio(s.inputTokens(), s.calls()), ratio(s.outputTokens(), s.calls()),
                    ratio(s.confidenceSum(), s.withConfidence()), ratio(s.fallbacks(), s.calls()),
                    ratio(s.lowConfidence(), s.withConfidence())));
        }
        return out;
    }
}
