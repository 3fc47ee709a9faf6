package dev.observatory.core.slo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where an SLO's events come from: Observatory's spans (the default, filtered by the SLO's selector), its service
 * metrics store ({@code metrics}) or the configured Prometheus ({@code prometheus}), both through counter queries:
 *
 * <pre>
 * sli:
 *   source: prometheus                     # spans | metrics | prometheus
 *   total: http_requests_total{job="api"}  # a counter selector: counted as sum(increase(total[window]))
 *   bad: http_requests_total{job="api",code=~"5.."}   # or good: ...
 *   # or a whole expression with $window, e.g. sum(increase(x_total[$window]))
 *   # latency SLOs: histogram: http_server_request_duration_seconds{job="api"} (its _bucket series, in seconds)
 * </pre>
 *
 * @param source
 *            spans, metrics or prometheus
 * @param good
 *            the good events' counter selector or expression; null when {@code bad} is given
 * @param bad
 *            the bad events' counter selector or expression; null when {@code good} is given
 * @param total
 *            every event's counter selector or expression; null with {@code histogram}
 * @param histogram
 *            latency SLOs: a histogram's base name with label matchers (its {@code _bucket} series, {@code le} in
 *            seconds), instead of good/bad/total
 */
public record SliSpec(String source, String good, String bad, String total, String histogram) {
    public static final String SPANS = "spans";
    public static final String METRICS = "metrics";
    public static final String PROMETHEUS = "prometheus";
    /** The placeholder an expression uses for the window's length (a PromQL duration such as 3600s). */
    public static final String WINDOW = "$window";
    static final Set<String> KEYS = Set.of("source", "good", "bad", "total", "histogram");
    static final SliSpec SPAN_EVENTS = new SliSpec(SPANS, null, null, null, null);

    public SliSpec {
        source = source == null || source.isBlank() ? SPANS : source.trim().toLowerCase(Locale.ROOT);
        good = blankToNull(good);
        bad = blankToNull(bad);
        total = blankToNull(total);
        histogram = blankToNull(histogram);
        if (!Set.of(SPANS, METRICS, PROMETHEUS).contains(source)) {
            throw new IllegalArgumentException(
                    "unknown sli.source '" + source + "': use spans (default), metrics or prometheus");
        }
        if (source.equals(SPANS)) {
            if (good != null || bad != null || total != null || histogram != null) {
                throw new IllegalArgumentException("sli.source spans counts the spans of the selector: good, bad,"
                        + " total and histogram belong to sli.source metrics or prometheus");
            }
        } else if (histogram != null) {
            if (good != null || bad != null || total != null) {
                throw new IllegalArgumentException(
                        "sli.histogram replaces good, bad and total: give either the histogram or the counters");
            }
        } else {
            if (total == null) {
                throw new IllegalArgumentException("sli.source " + source + " needs sli.total (every event's counter,"
                        + " e.g. http_requests_total{job=\"api\"}) and sli.good or sli.bad, or sli.histogram");
            }
            if ((good == null) == (bad == null)) {
                throw new IllegalArgumentException("sli.source " + source
                        + " needs exactly one of sli.good (good events) and sli.bad (bad events)");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Whether the events are the stored spans. */
    public boolean spans() {
        return source.equals(SPANS);
    }

    /** From a definition's {@code sli} map (null: spans); IllegalArgumentException saying what to fix. */
    static SliSpec parse(Object o) {
        if (o == null) {
            return SPAN_EVENTS;
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(
                    "sli must be an object such as {source: prometheus, total: ..., bad: ...}");
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown sli field '" + k + "': known fields are " + KEYS);
            }
        }
        return new SliSpec(text(m.get("source")), text(m.get("good")), text(m.get("bad")), text(m.get("total")),
                text(m.get("histogram")));
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /** The JSON-ready form ({@link #parse} reads it back). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        putIf(m, "good", good);
        putIf(m, "bad", bad);
        putIf(m, "total", total);
        putIf(m, "histogram", histogram);
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
