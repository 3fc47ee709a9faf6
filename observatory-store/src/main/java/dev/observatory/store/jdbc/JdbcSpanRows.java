package dev.observatory.store.jdbc;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanReliability;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.internal.SpanJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Columns of the spans table and the mapping of a traced span to and from a row, shared by DuckDB and PostgreSQL. */
final class JdbcSpanRows {

    /** Column names in table order. */
    static final List<String> COLUMNS = List.of("trace_id", "span_id", "parent_span_id", "service", "name", "kind",
            "status", "status_message", "start_ns", "end_ns", "duration_ns", "operation", "provider", "model",
            "tool_name", "user_id", "input_tokens", "output_tokens", "tokens_estimated", "cost_usd", "cost_note",
            "error_type", "retries", "fallback_used", "confidence", "gate_threshold", "gate_blocked",
            "deterministic_fallback", "high_risk_path", "prompt_diff_score", "shadow_agreement", "golden_scenario",
            "golden_passed", "scope", "scope_version", "attributes", "resource", "events", "links", "parent_service");

    /** SQL types of the columns (PostgreSQL names), in table order. */
    static final List<String> TYPES = List.of("text", "text", "text", "text", "text", "text", "text", "text", "bigint",
            "bigint", "bigint", "text", "text", "text", "text", "text", "bigint", "bigint", "boolean", "float8", "text",
            "text", "int4", "boolean", "float8", "float8", "boolean", "boolean", "boolean", "float8", "boolean",
            "boolean", "boolean", "text", "text", "json", "json", "json", "json", "text");

    /** The columns {@link #read} maps (parent_service is for the service map only). */
    static final String SELECT = String.join(", ", COLUMNS.subList(0, 39));

    /** Like {@link #SELECT} without the wide JSON columns (read back empty): the outline of a trace. */
    static final String SELECT_OUTLINE = String.join(", ", COLUMNS.subList(0, 35))
            + ", NULL AS attributes, NULL AS resource, NULL AS events, NULL AS links";

    /** The columns of a trace's skeleton ({@link #readSkeleton}): what its compact tree and summary show. */
    static final String SELECT_SKELETON = "span_id, parent_span_id, service, name, kind, status, start_ns, end_ns, "
            + "model, tool_name, input_tokens, output_tokens, cost_usd, error_type";

    private JdbcSpanRows() {
    }

    /** A span's identity (trace id, span id) as a map key, without building a concatenated string per span. */
    record SpanKey(String traceId, String spanId) {
    }

    /**
     * The row values of a span, in column order (null for SQL NULL; JSON columns as text); {@code parentService} is the
     * service of its parent span when known at write time, else null.
     */
    static Object[] values(TracedSpan t, String parentService) {
        return values(t, parentService, SpanJson.attributes(t.span().resource()));
    }

    /** {@link #values(TracedSpan, String)} with the resource's JSON text already encoded (shared by a batch). */
    static Object[] values(TracedSpan t, String parentService, String resourceJson) {
        Span s = t.span();
        SpanFacts f = t.facts();
        SpanReliability r = f.reliability();
        return new Object[] { s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.name(), s.kind().name(),
                s.status().name(), s.statusMessage(), s.startNanos(), s.endNanos(), s.durationNanos(), f.operation(),
                f.provider(), f.model(), f.toolName(), f.userId(), f.inputTokens(), f.outputTokens(),
                f.tokensEstimated(), f.costUsd(), f.costNote(), f.errorType(), r.retries(), r.fallbackUsed(),
                r.confidence(), r.gateThreshold(), r.gateBlocked(), r.deterministicFallback(), r.highRiskPath(),
                r.promptDiffScore(), r.shadowAgreement(), r.goldenScenario(), r.goldenPassed(), s.scope(),
                s.scopeVersion(), SpanJson.attributes(s.attributes()), resourceJson, SpanJson.events(s.events()),
                SpanJson.links(s.links()), parentService };
    }

    /**
     * The service of each span's parent when the parent is among {@code spans} (null otherwise and for roots), in the
     * order of {@code spans}: children whose parent arrives in another batch are resolved at query time.
     */
    static String[] parentServices(List<TracedSpan> spans) {
        Map<SpanKey, String> services = new java.util.HashMap<>(spans.size() * 2);
        for (TracedSpan t : spans) {
            services.putIfAbsent(new SpanKey(t.span().traceId(), t.span().spanId()), t.span().service());
        }
        String[] out = new String[spans.size()];
        for (int i = 0; i < out.length; i++) {
            Span s = spans.get(i).span();
            out[i] = s.parentSpanId() == null ? null : services.get(new SpanKey(s.traceId(), s.parentSpanId()));
        }
        return out;
    }

    /** The spans without a second copy of any (traceId, spanId): the first one wins. */
    static List<TracedSpan> distinct(List<TracedSpan> spans) {
        Map<SpanKey, TracedSpan> seen = new LinkedHashMap<>(spans.size() * 2);
        for (TracedSpan s : spans) {
            seen.putIfAbsent(new SpanKey(s.span().traceId(), s.span().spanId()), s);
        }
        return seen.size() == spans.size() ? spans : new ArrayList<>(seen.values());
    }

    /** A row selected with {@link #SELECT}. */
    static TracedSpan read(ResultSet rs) throws SQLException {
        Span span = new Span(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                SpanKind.valueOf(rs.getString(6)), rs.getLong(9), rs.getLong(10), SpanStatus.valueOf(rs.getString(7)),
                rs.getString(8), SpanJson.attributes(rs.getString(36)), SpanJson.attributes(rs.getString(37)),
                rs.getString(34), rs.getString(35), SpanJson.events(rs.getString(38)),
                SpanJson.links(rs.getString(39)));
        Long retries = longOrNull(rs, 23);
        SpanReliability r = new SpanReliability(retries == null ? null : retries.intValue(), bool(rs, 24),
                doubleOrNull(rs, 25), doubleOrNull(rs, 26), bool(rs, 27), bool(rs, 28), bool(rs, 29),
                doubleOrNull(rs, 30), bool(rs, 31), bool(rs, 32), bool(rs, 33));
        SpanFacts f = new SpanFacts(rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), longOrNull(rs, 17), longOrNull(rs, 18), rs.getBoolean(19), doubleOrNull(rs, 20),
                rs.getString(21), rs.getString(22), r);
        return new TracedSpan(span, f);
    }

    /** A row selected with {@link #SELECT_SKELETON} of trace {@code traceId} (the other fields empty). */
    static TracedSpan readSkeleton(ResultSet rs, String traceId) throws SQLException {
        Span span = new Span(traceId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                SpanKind.valueOf(rs.getString(5)), rs.getLong(7), rs.getLong(8), SpanStatus.valueOf(rs.getString(6)),
                null, Map.of(), Map.of(), "", "", List.of(), List.of());
        SpanFacts f = new SpanFacts(null, null, rs.getString(9), rs.getString(10), null, longOrNull(rs, 11),
                longOrNull(rs, 12), false, doubleOrNull(rs, 13), null, rs.getString(14), SpanReliability.NONE);
        return new TracedSpan(span, f);
    }

    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    /** Column name list for an INSERT. */
    static String columnList() {
        return String.join(", ", COLUMNS);
    }

    static String placeholders(int n) {
        String[] q = new String[n];
        Arrays.fill(q, "?");
        return String.join(", ", q);
    }
}
