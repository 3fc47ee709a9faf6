package dev.observatory.core.slo;

import dev.observatory.model.slo.SliSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SLO: a type, a selector of spans, a target and a window.
 *
 * @param name
 *            unique, [a-z0-9][a-z0-9_.-]{0,63}
 * @param targetPercent
 *            the share of good events promised, in (0, 100): availability target, latency percentile, or 100 minus the
 *            highest error rate
 * @param thresholdMs
 *            latency SLOs: the duration a good span stays within; 0 otherwise
 * @param source
 *            where the definition comes from: "config" (file) or "api"
 * @param sli
 *            where the events come from: the spans of the selector (default), the metrics store or Prometheus
 */
public record SloDefinition(String name, SloKind kind, SliSelector selector, double targetPercent, double thresholdMs,
        SloWindow window, String description, Map<String, String> labels, String source, SliSpec sli) {

    public SloDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
        if (name == null || !name.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(
                    "SLO name '" + name + "' is invalid: use 1-64 lowercase letters, digits, '_', '.' or '-'");
        }
        sli = sli == null ? SliSpec.SPAN_EVENTS : sli;
        if (!sli.spans()) {
            selector = selector == null ? new SliSelector(null, null, null, null, null) : selector;
            if (sli.histogram() != null && kind != SloKind.LATENCY) {
                throw new IllegalArgumentException("SLO " + name + ": sli.histogram is for latency SLOs; " + kind.wire()
                        + " SLOs count events with sli.total and sli.good or sli.bad");
            }
            QuerySliSource.validate(name, sli);
        } else if (selector == null || selector.isEmpty()) {
            throw new IllegalArgumentException(
                    "SLO " + name + " has an empty selector: set at least one of service, route, kind, tool or model");
        }
        if (!(targetPercent > 0 && targetPercent < 100)) {
            throw new IllegalArgumentException("SLO " + name + " has an impossible target " + targetPercent
                    + "%: it must be above 0% and below 100% (100% leaves no error budget)");
        }
        if (kind == SloKind.LATENCY && !(thresholdMs > 0 && thresholdMs < 3_600_000)) {
            throw new IllegalArgumentException(
                    "latency SLO " + name + " needs threshold_ms above 0 and below one hour, got " + thresholdMs);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        description = description == null ? "" : description;
        source = source == null ? "api" : source;
    }

    /** An SLO over the spans of its selector. */
    public SloDefinition(String name, SloKind kind, SliSelector selector, double targetPercent, double thresholdMs,
            SloWindow window, String description, Map<String, String> labels, String source) {
        this(name, kind, selector, targetPercent, thresholdMs, window, description, labels, source, null);
    }

    /** The target as a fraction of good events (0.999 for 99.9%). */
    public double target() {
        return targetPercent / 100.0;
    }

    /** The error budget as a fraction of events. */
    public double budget() {
        return 1 - target();
    }

    /**
     * The seed's defaults for a service: 99.9% availability, P95 under 2 s, P99 under 5 s and an error rate under 0.1%,
     * over a rolling 30 days.
     */
    public static java.util.List<SloDefinition> defaults(String service) {
        SliSelector s = SliSelector.service(service);
        String p = service.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return java.util.List.of(
                new SloDefinition(p + "-availability", SloKind.AVAILABILITY, s, 99.9, 0, SloWindow.ROLLING_30D,
                        "99.9% of spans succeed", Map.of(), "default"),
                new SloDefinition(p + "-latency-p95", SloKind.LATENCY, s, 95, 2000, SloWindow.ROLLING_30D,
                        "P95 under 2 s", Map.of(), "default"),
                new SloDefinition(p + "-latency-p99", SloKind.LATENCY, s, 99, 5000, SloWindow.ROLLING_30D,
                        "P99 under 5 s", Map.of(), "default"),
                new SloDefinition(p + "-error-rate", SloKind.ERROR_RATE, s, 99.9, 0, SloWindow.ROLLING_30D,
                        "error rate under 0.1%", Map.of(), "default"));
    }

    /** The definition as a JSON-ready map (the same shape {@link SloSpecs#parse} reads). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", kind.wire());
        Map<String, Object> sel = new LinkedHashMap<>();
        putIf(sel, "service", selector.service());
        putIf(sel, "route", selector.route());
        putIf(sel, "kind", selector.kind());
        putIf(sel, "tool", selector.tool());
        putIf(sel, "model", selector.model());
        m.put("selector", sel);
        switch (kind) {
            case AVAILABILITY -> m.put("target", targetPercent);
            case LATENCY -> {
                m.put("percentile", targetPercent);
                m.put("threshold_ms", thresholdMs);
            }
            case ERROR_RATE -> m.put("max_error_rate", SloMath.round(100 - targetPercent, 9));
        }
        m.put("window", window.wire());
        if (!sli.spans()) {
            m.put("sli", sli.toMap());
        }
        m.put("description", description);
        m.put("labels", labels);
        m.put("source", source);
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
