package dev.observatory.core.trace;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spans for tests: deterministic ids from small numbers. */
final class SpanFixtures {
    static final long T0 = 1_748_772_000_000_000_000L; // 2025-06-01T10:00:00Z in nanos

    private SpanFixtures() {
    }

    static String traceId(int n) {
        return String.format("%032x", n);
    }

    static String spanId(int n) {
        return String.format("%016x", n);
    }

    static Span span(int trace, int span, Integer parent, String name, long startMs, long durationMs,
            Map<String, Object> attributes) {
        return new Span(traceId(trace), spanId(span), parent == null ? null : spanId(parent), "shop", name,
                SpanKind.INTERNAL, T0 + startMs * 1_000_000, T0 + (startMs + durationMs) * 1_000_000, SpanStatus.OK,
                null, attributes, Map.of("service.name", "shop"), "test", "1", List.of(), List.of());
    }

    static Map<String, Object> chat(String model, long in, long out) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("gen_ai.operation.name", "chat");
        a.put("gen_ai.provider.name", "openai");
        a.put("gen_ai.request.model", model);
        a.put("gen_ai.usage.input_tokens", in);
        a.put("gen_ai.usage.output_tokens", out);
        return a;
    }
}
