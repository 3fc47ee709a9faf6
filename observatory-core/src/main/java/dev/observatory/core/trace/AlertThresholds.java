package dev.observatory.core.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholds of the metrics snapshot: an alert is active when a rate or measurement is above its threshold (and the
 * window has at least {@link #MIN_CALLS} calls). Two more values say what counts as low confidence (below
 * {@code low_confidence_below} when the span has no gate threshold of its own) and as a prompt-diff violation (score
 * above {@code prompt_diff_violation_above}). Defaults follow the MCP Observatory seed; override with the
 * {@code trace_alert_thresholds} setting ({@code name=value,...}).
 */
public record AlertThresholds(Map<String, Double> values) {

    /** Fewest calls in a window for a rate alert to fire. */
    public static final int MIN_CALLS = 1;

    private static final Map<String, Double> DEFAULTS;

    static {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("avg_cost_usd", 0.05);
        d.put("fallback_rate", 0.10);
        d.put("retry_rate", 0.10);
        d.put("low_confidence_rate", 0.20);
        d.put("confidence_gate_block_rate", 0.10);
        d.put("prompt_diff_violation_rate", 0.05);
        d.put("shadow_disagreement_rate", 0.10);
        d.put("deterministic_fallback_rate", 0.05);
        d.put("high_risk_path_rate", 0.25);
        d.put("golden_financial_failure_rate", 0.0);
        d.put("error_rate", 0.05);
        d.put("p95_latency_ms", 5000.0);
        d.put("cost_per_hour_usd", 10.0);
        d.put("low_confidence_below", 0.70);
        d.put("prompt_diff_violation_above", 0.30);
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public AlertThresholds {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static AlertThresholds defaults() {
        return new AlertThresholds(DEFAULTS);
    }

    /** The threshold of a name; IllegalArgumentException for an unknown name. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown alert threshold '" + name + "'; known: " + values.keySet());
        }
        return v;
    }

    /** With overrides {@code name=value,...}; IllegalArgumentException for an unknown name or a bad number. */
    public AlertThresholds with(String overrides) {
        if (overrides == null || overrides.isBlank()) {
            return this;
        }
        Map<String, Double> merged = new LinkedHashMap<>(values);
        for (String entry : overrides.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            String name = eq < 0 ? e : e.substring(0, eq).strip();
            if (!merged.containsKey(name)) {
                throw new IllegalArgumentException(
                        "trace_alert_thresholds: unknown threshold '" + name + "'; known: " + merged.keySet());
            }
            try {
                double v = Double.parseDouble(e.substring(eq + 1).strip());
                if (!Double.isFinite(v) || v < 0) {
                    throw new NumberFormatException();
                }
                merged.put(name, v);
            } catch (NumberFormatException | IndexOutOfBoundsException ex) {
                throw new IllegalArgumentException(
                        "trace_alert_thresholds: '" + e + "' is not name=number (a number >= 0)");
            }
        }
        return new AlertThresholds(merged);
    }
}
