package dev.observatory.core.demo;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The traces of a small retrieval-augmented chat service over the last day, for {@code serve --demo}: each request is a
 * {@code chat-api} server span with a retrieval call into {@code retriever}, an LLM call with GenAI token usage, and
 * sometimes an MCP tool call into {@code docs-mcp}; a few fail (rate limits), and the evening is slower. Enough for the
 * trace, APM (service map, health, latency) and SLO tools and pages to show something real.
 */
final class DemoTraces {
    static final String API = "chat-api";
    private static final String[] MODELS = { "gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", "claude-3-5-haiku" };

    private DemoTraces() {
    }

    static List<Span> generate(long seed, Instant now, int traces) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x7ACE5L);
        List<Span> spans = new ArrayList<>(traces * 4);
        long day = Duration.ofDays(1).toNanos();
        long end = now.getEpochSecond() * 1_000_000_000L;
        for (int i = 0; i < traces; i++) {
            long start = end - day + (day / traces) * i + r.nextLong(1_000_000_000L);
            spans.addAll(request(r, hex(r, 32), start));
        }
        return spans;
    }

    private static List<Span> request(SplittableRandom r, String trace, long start) {
        List<Span> out = new ArrayList<>(4);
        String root = hex(r, 16);
        boolean evening = (start / 3_600_000_000_000L) % 24 >= 18; // a slower stretch for the latency tools to find
        long t = start + ms(r, 2, 6);
        long retrieval = ms(r, 20, evening ? 180 : 60);
        out.add(span(trace, hex(r, 16), root, "retriever", "vector_search", SpanKind.SERVER, t, t + retrieval,
                SpanStatus.OK, null, Map.of("db.system", "qdrant", "db.operation", "search")));
        t += retrieval + ms(r, 1, 4);
        if (r.nextInt(10) == 0) {
            long tool = ms(r, 40, 400);
            out.add(span(trace, hex(r, 16), root, "docs-mcp", "tools/call search_docs", SpanKind.SERVER, t, t + tool,
                    SpanStatus.OK, null, Map.of("mcp.method.name", "tools/call", "mcp.tool.name", "search_docs")));
            t += tool;
        }
        String model = MODELS[r.nextInt(MODELS.length)];
        boolean failed = r.nextInt(40) == 0;
        long input = 300 + r.nextInt(2_500);
        long output = failed ? 0 : 40 + r.nextInt(600);
        long llm = failed ? ms(r, 50, 120) : ms(r, 300, 900) + output * (evening ? 9 : 5) * 1_000_000L;
        Map<String, Object> genai = new LinkedHashMap<>();
        genai.put("gen_ai.operation.name", "chat");
        genai.put("gen_ai.provider.name", model.startsWith("claude") ? "anthropic" : "openai");
        genai.put("gen_ai.request.model", model);
        genai.put("gen_ai.usage.input_tokens", input);
        genai.put("gen_ai.usage.output_tokens", output);
        out.add(span(trace, hex(r, 16), root, API, "chat " + model, SpanKind.CLIENT, t, t + llm,
                failed ? SpanStatus.ERROR : SpanStatus.OK, failed ? "429 rate limit exceeded" : null, genai));
        long end = t + llm + ms(r, 1, 5);
        out.add(0,
                span(trace, root, null, API, "POST /v1/chat", SpanKind.SERVER, start, end,
                        failed ? SpanStatus.ERROR : SpanStatus.OK, failed ? "upstream model rate limited" : null,
                        Map.of("http.request.method", "POST", "http.route", "/v1/chat", "http.response.status_code",
                                failed ? 502L : 200L)));
        return out;
    }

    private static Span span(String trace, String id, String parent, String service, String name, SpanKind kind,
            long start, long end, SpanStatus status, String message, Map<String, Object> attributes) {
        return new Span(trace, id, parent, service, name, kind, start, end, status, message, attributes,
                Map.of("service.name", service, "deployment.environment", "demo"), "observatory-demo", "1", null, null);
    }

    private static long ms(SplittableRandom r, int lo, int hi) {
        return (lo + r.nextInt(hi - lo + 1)) * 1_000_000L;
    }

    private static String hex(SplittableRandom r, int chars) {
        StringBuilder b = new StringBuilder(chars);
        while (b.length() < chars) {
            b.append(Character.forDigit(1 + r.nextInt(15), 16)); // never all zero
        }
        return b.toString();
    }
}
