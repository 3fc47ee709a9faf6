package dev.observatory.server.ui;

import dev.observatory.core.Tracking;
import dev.observatory.core.slo.SloDefinition;
import dev.observatory.core.slo.SloStatus;
import dev.observatory.core.slo.Slos;
import dev.observatory.core.trace.SpanNode;
import dev.observatory.core.trace.TraceListRequest;
import dev.observatory.core.trace.TracePage;
import dev.observatory.core.trace.TraceView;
import dev.observatory.core.trace.Traces;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSummary;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The UI data of the trace and SLO pages (models and jobs read the REST API directly):
 * <ul>
 * <li>{@code GET /ui/data/traces}: query {@code limit} (1-200, default 25), {@code cursor}, {@code service},
 * {@code errors} (true/false), {@code order} (recent/slowest); answers {@code {traces: [...], next_cursor}}.</li>
 * <li>{@code GET /ui/data/traces/{id}}: {@code {summary, spans: [...], critical_path}}, spans in depth-first order with
 * their offset and duration in ms (the waterfall).</li>
 * <li>{@code GET /ui/data/slos}: query {@code page}, {@code size} (1-200, default 25); answers {@code {total, page,
 * size, slos: [...]}}, each SLO with its status (budget remaining, burn rates, firing).</li>
 * </ul>
 */
final class SectionData {
    private static final Set<String> TRACE_QUERY = Set.of("limit", "cursor", "service", "errors", "order");
    private final Tracking tracking;

    SectionData(Tracking tracking) {
        this.tracking = tracking;
    }

    /** Whether the path (under {@code /ui}) is one of these endpoints. */
    static boolean handles(String path) {
        return path != null
                && (path.equals("/data/traces") || path.startsWith("/data/traces/") || path.equals("/data/slos"));
    }

    /** The JSON document for the request (exceptions become the REST API's JSON errors). */
    Map<String, Object> answer(HttpServletRequest req) {
        String path = req.getPathInfo();
        if (path.equals("/data/slos")) {
            expect(req, Set.of("page", "size"));
            return slos(intParam(req, "page", 1, 1, 1_000_000), intParam(req, "size", 25, 1, 200));
        }
        if (path.equals("/data/traces")) {
            expect(req, TRACE_QUERY);
            return traces(req);
        }
        expect(req, Set.of());
        return trace(path.substring("/data/traces/".length()));
    }

    private Map<String, Object> traces(HttpServletRequest req) {
        String errors = req.getParameter("errors");
        Boolean onlyErrors = errors == null || errors.isEmpty() ? null : bool("errors", errors);
        String order = req.getParameter("order");
        TraceQuery.Order o = order == null || order.isEmpty() || order.equalsIgnoreCase("recent")
                ? TraceQuery.Order.RECENT
                : order.equalsIgnoreCase("slowest") ? TraceQuery.Order.SLOWEST : null;
        if (o == null) {
            throw new IllegalArgumentException("order must be recent or slowest, got '" + order + "'");
        }
        String cursor = req.getParameter("cursor");
        TracePage page = new Traces(tracking).listTraces(new TraceListRequest(blank(req.getParameter("service")), null,
                null, onlyErrors, null, null, null, o, intParam(req, "limit", 25, 1, 200), blank(cursor)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TraceSummary t : page.items()) {
            rows.add(summary(t));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("traces", rows);
        out.put("next_cursor", page.nextCursor());
        return out;
    }

    private Map<String, Object> trace(String id) {
        TraceView view = new Traces(tracking).getTrace(id, Set.of());
        List<Map<String, Object>> spans = new ArrayList<>();
        for (SpanNode n : view.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("span_id", n.spanId());
            m.put("parent_span_id", n.parentSpanId());
            m.put("depth", n.depth());
            m.put("name", n.name());
            m.put("service", n.service());
            m.put("kind", n.kind().name());
            m.put("status", n.status().name());
            m.put("offset_ms", n.offsetMs());
            m.put("duration_ms", n.durationMs());
            m.put("model", n.model());
            m.put("tool", n.toolName());
            m.put("tokens", n.totalTokens());
            m.put("cost_usd", n.costUsd());
            m.put("error_type", n.errorType());
            m.put("critical", n.critical());
            spans.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", summary(view.summary()));
        out.put("spans", spans);
        out.put("critical_path", view.criticalPath());
        return out;
    }

    private static Map<String, Object> summary(TraceSummary t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace_id", t.traceId());
        m.put("root_name", t.rootName());
        m.put("service", t.service());
        m.put("start", Instant.ofEpochSecond(0, t.startNanos()).toString());
        m.put("duration_ms", t.durationNanos() / 1e6);
        m.put("span_count", t.spanCount());
        m.put("error_count", t.errorCount());
        m.put("models", t.models());
        m.put("total_tokens", t.totalTokens());
        m.put("cost_usd", t.costUsd());
        return m;
    }

    private Map<String, Object> slos(int page, int size) {
        Slos slos = new Slos(tracking);
        List<SloDefinition> all = slos.list();
        int from = (int) Math.min((long) (page - 1) * size, all.size());
        List<Map<String, Object>> rows = new ArrayList<>();
        Instant now = tracking.clock().instant();
        for (SloDefinition d : all.subList(from, Math.min(from + size, all.size()))) {
            Map<String, Object> m = new LinkedHashMap<>(d.toMap());
            try {
                m.put("status", status(slos.status(d, now)));
            } catch (RuntimeException e) {
                m.put("status_error", e.getMessage());
            }
            rows.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", all.size());
        out.put("page", page);
        out.put("size", size);
        out.put("slos", rows);
        return out;
    }

    private static Map<String, Object> status(SloStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", s.events());
        m.put("bad_events", finite(s.badEvents()));
        m.put("value", s.value() == null ? null : finite(s.value()));
        m.put("compliance_percent", finite(s.compliancePercent()));
        m.put("meeting", s.meeting());
        m.put("error_budget_remaining_percent", finite(100 * s.budgetRemaining()));
        Map<String, Object> burn = new LinkedHashMap<>();
        s.burnRates().forEach((k, v) -> burn.put(k, v == null ? null : finite(v)));
        m.put("burn_rates", burn);
        m.put("firing", s.firingSeverity());
        return m;
    }

    /** Non-finite doubles as the strings NaN / Infinity / -Infinity, like the REST API. */
    private static Object finite(double v) {
        return Double.isFinite(v) ? v : Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    private static void expect(HttpServletRequest req, Set<String> names) {
        for (String n : req.getParameterMap().keySet()) {
            if (!names.contains(n)) {
                throw new IllegalArgumentException("unknown query parameter '" + n + "': this endpoint accepts "
                        + String.join(", ", names.stream().sorted().toList()));
            }
        }
    }

    private static int intParam(HttpServletRequest req, String name, int dflt, int min, int max) {
        String s = req.getParameter(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(
                name + " must be a whole number from " + min + " to " + max + ", got '" + s + "'");
    }

    private static boolean bool(String name, String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + s + "'");
        };
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
