package dev.observatory.mcp.trace;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.trace.SpanNode;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import java.util.List;
import java.util.Map;

/** How traces and spans look in tool answers and resources, and their output schemas. */
final class TraceViews {

    static final Map<String, Object> TRACE_SCHEMA = Schemas.object("one trace")
            .prop("trace_id", string("32 hex characters; pass to get_trace"), true)
            .prop("root", string("name of the root span"), true).prop("service", string("service of the root span"))
            .prop("start", string("ISO-8601, earliest span start"), true)
            .prop("duration_ms", number("latest end minus earliest start"), true)
            .prop("spans", integer("spans in the trace"), true).prop("errors", integer("spans with status ERROR"))
            .prop("models", array(string(null), "models called")).prop("tokens", integer("input + output tokens"))
            .prop("cost_usd", number("sum of known call costs; absent when none is known")).build();

    static final Map<String, Object> NODE_SCHEMA = Schemas.object("one span of the compact tree")
            .prop("span_id", string("16 hex characters; pass in expand_span_ids for full attributes"), true)
            .prop("parent", string("parent span id; absent for roots")).prop("depth", integer("0 for roots"), true)
            .prop("name", string(null), true).prop("service", string(null)).prop("kind", string(null))
            .prop("status", string("UNSET, OK or ERROR"), true)
            .prop("offset_ms", number("start relative to the trace start"), true)
            .prop("duration_ms", number(null), true).prop("model", string(null)).prop("tool", string(null))
            .prop("tokens", integer(null)).prop("cost_usd", number(null)).prop("error_type", string(null))
            .prop("critical", bool("on the critical path")).build();

    static final Map<String, Object> SPAN_SCHEMA = Schemas.object("one span in full")
            .prop("span_id", string(null), true).prop("name", string(null), true)
            .prop("attributes", Schemas.anyObject("span attributes"), true)
            .prop("resource", Schemas.anyObject("resource attributes"))
            .prop("events", array(Schemas.anyObject(null), "events: name, time, attributes"))
            .prop("links", array(Schemas.anyObject(null), "links to other spans"))
            .prop("llm", Schemas.anyObject("the LLM call view derived at ingest")).build();

    private TraceViews() {
    }

    static Obj trace(TraceSummary t) {
        return Obj.of().with("trace_id", t.traceId()).with("root", t.rootName()).with("service", t.service())
                .with("start", TraceArgs.iso(t.startNanos())).with("duration_ms", TraceArgs.ms(t.durationNanos()))
                .with("spans", t.spanCount()).with("errors", t.errorCount()).with("models", t.models())
                .with("tokens", t.totalTokens()).with("cost_usd", t.costUsd());
    }

    static Obj node(SpanNode n) {
        return Obj.of().with("span_id", n.spanId()).with("parent", n.parentSpanId()).with("depth", n.depth())
                .with("name", n.name()).with("service", n.service()).with("kind", n.kind().name())
                .with("status", n.status().name()).with("offset_ms", round(n.offsetMs()))
                .with("duration_ms", round(n.durationMs())).with("model", n.model()).with("tool", n.toolName())
                .with("tokens", n.totalTokens()).with("cost_usd", n.costUsd()).with("error_type", n.errorType())
                .with("critical", n.critical() ? Boolean.TRUE : null);
    }

    static Obj span(TracedSpan t) {
        Span s = t.span();
        return Obj.of().with("span_id", s.spanId()).with("parent", s.parentSpanId()).with("name", s.name())
                .with("service", s.service()).with("kind", s.kind().name()).with("status", s.status().name())
                .with("status_message", s.statusMessage()).with("start", TraceArgs.iso(s.startNanos()))
                .with("duration_ms", TraceArgs.ms(s.durationNanos())).with("scope", s.scope())
                .with("attributes", s.attributes()).with("resource", s.resource())
                .with("events",
                        s.events().stream()
                                .map(e -> Obj.of().with("name", e.name()).with("time", TraceArgs.iso(e.timeNanos()))
                                        .with("attributes", e.attributes()))
                                .toList())
                .with("links", s.links().stream().map(l -> Obj.of().with("trace_id", l.traceId())
                        .with("span_id", l.spanId()).with("attributes", l.attributes())).toList())
                .with("llm", llm(t.facts()));
    }

    static Obj llm(SpanFacts f) {
        var r = f.reliability();
        return Obj.of().with("operation", f.operation()).with("provider", f.provider()).with("model", f.model())
                .with("tool", f.toolName()).with("user", f.userId()).with("input_tokens", f.inputTokens())
                .with("output_tokens", f.outputTokens()).with("tokens_estimated", f.tokensEstimated() ? true : null)
                .with("cost_usd", f.costUsd()).with("cost_note", f.costNote()).with("error_type", f.errorType())
                .with("retries", r.retries()).with("fallback_used", r.fallbackUsed()).with("confidence", r.confidence())
                .with("confidence_gate_threshold", r.gateThreshold()).with("confidence_gate_blocked", r.gateBlocked())
                .with("deterministic_fallback", r.deterministicFallback()).with("high_risk_path", r.highRiskPath())
                .with("prompt_diff_score", r.promptDiffScore()).with("shadow_agreement", r.shadowAgreement())
                .with("golden_scenario", r.goldenScenario()).with("golden_passed", r.goldenPassed());
    }

    /** Six significant digits: rates and costs without float noise. */
    static double round6(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static List<Obj> traces(List<TraceSummary> rows) {
        return rows.stream().map(TraceViews::trace).toList();
    }
}
