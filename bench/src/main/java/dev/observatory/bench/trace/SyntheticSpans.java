package dev.observatory.bench.trace;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic spans shaped like an instrumented LLM app: traces of 8 spans (an HTTP root, a retrieval step, chat
 * calls with GenAI usage attributes and reliability signals, a tool call), 4 services, 6 models, spread over a day.
 */
final class SyntheticSpans {
    static final String[] MODELS = { "gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "claude-3-5-haiku",
            "gemini-2.0-flash", "acme-local-7b" };
    static final String[] SERVICES = { "checkout-api", "support-bot", "search", "billing" };
    static final int SPANS_PER_TRACE = 8;
    /** 2026-01-01T00:00:00Z in epoch nanoseconds. */
    static final long T0 = 1_767_225_600_000_000_000L;
    static final long DAY = 86_400_000_000_000L;

    private SyntheticSpans() {
    }

    static String traceId(long n) {
        return String.format("%016x%016x", 0x5eed000000000000L, n + 1);
    }

    static String spanId(long n) {
        return String.format("%016x", n + 1);
    }

    /** The spans of trace {@code t} (8 of them) out of {@code traces} spread over a day. */
    static List<Span> trace(long t, long traces) {
        SplittableRandom r = new SplittableRandom(t);
        String service = SERVICES[(int) (t % SERVICES.length)];
        long start = T0 + DAY * t / traces;
        List<Span> out = new ArrayList<>(SPANS_PER_TRACE);
        long root = t * SPANS_PER_TRACE;
        long total = 200_000_000L + r.nextLong(2_000_000_000L);
        out.add(span(t, root, null, service, "POST /answer", SpanKind.SERVER, start, start + total, SpanStatus.OK,
                Map.of("http.route", "/answer", "http.response.status_code", 200L)));
        out.add(span(t, root + 1, root, service, "retrieve", SpanKind.INTERNAL, start + 1_000_000, start + 40_000_000,
                SpanStatus.OK, Map.of("db.system", "postgresql")));
        for (int i = 2; i < SPANS_PER_TRACE - 1; i++) {
            long s = start + i * 20_000_000L;
            boolean failed = r.nextInt(50) == 0;
            out.add(span(t, root + i, root, service, "chat", SpanKind.CLIENT, s, s + r.nextLong(150_000_000L),
                    failed ? SpanStatus.ERROR : SpanStatus.OK, chat(r, failed)));
        }
        long s = start + 150_000_000L;
        out.add(span(t, root + SPANS_PER_TRACE - 1, root, service, "execute_tool search", SpanKind.INTERNAL, s,
                s + 30_000_000L, SpanStatus.OK, Map.of("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name",
                        r.nextBoolean() ? "search" : "lookup_order")));
        return out;
    }

    private static Map<String, Object> chat(SplittableRandom r, boolean failed) {
        Map<String, Object> a = new LinkedHashMap<>();
        String model = MODELS[r.nextInt(MODELS.length)];
        a.put("gen_ai.operation.name", "chat");
        a.put("gen_ai.provider.name",
                model.startsWith("gpt") ? "openai" : model.startsWith("claude") ? "anthropic" : "other");
        a.put("gen_ai.request.model", model);
        a.put("gen_ai.usage.input_tokens", 200L + r.nextInt(3000));
        a.put("gen_ai.usage.output_tokens", 20L + r.nextInt(600));
        a.put("enduser.id", "user-" + r.nextInt(100));
        a.put("observatory.confidence", Math.round(r.nextDouble() * 100) / 100.0);
        a.put("observatory.confidence_gate.threshold", 0.7);
        a.put("observatory.fallback_used", r.nextInt(20) == 0);
        a.put("observatory.retries", (long) (r.nextInt(10) == 0 ? 1 : 0));
        if (failed) {
            a.put("error.type", r.nextBoolean() ? "RateLimitError" : "Timeout");
        }
        return a;
    }

    private static Span span(long t, long id, Long parent, String service, String name, SpanKind kind, long start,
            long end, SpanStatus status, Map<String, Object> attributes) {
        return new Span(traceId(t), spanId(id), parent == null ? null : spanId(parent), service, name, kind, start, end,
                status, status == SpanStatus.ERROR ? "upstream error" : null, attributes,
                Map.of("service.name", service, "telemetry.sdk.language", "java"), "bench", "1", List.of(), List.of());
    }

    /** One trace of {@code n} spans: a root and a chain of children, a chat call every 10th span. */
    static List<Span> wide(long t, int n) {
        List<Span> out = new ArrayList<>(n);
        long base = 1_000_000_000L * (t + 1);
        long start = T0 + DAY / 2;
        for (int i = 0; i < n; i++) {
            Long parent = i == 0 ? null : base + (i - 1) / 4;
            Map<String, Object> a = new LinkedHashMap<>();
            if (i % 10 == 5) {
                a.put("gen_ai.operation.name", "chat");
                a.put("gen_ai.request.model", "gpt-4o");
                a.put("gen_ai.usage.input_tokens", 1000L);
                a.put("gen_ai.usage.output_tokens", 100L);
            }
            a.put("step", (long) i);
            out.add(span(t, base + i, parent, "agent", "step " + i, SpanKind.INTERNAL, start + i * 1_000_000L,
                    start + i * 1_000_000L + 5_000_000L, SpanStatus.OK, a));
        }
        return out;
    }
}
