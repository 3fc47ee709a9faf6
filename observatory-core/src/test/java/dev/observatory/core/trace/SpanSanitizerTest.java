package dev.observatory.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanLink;
import dev.observatory.model.trace.SpanStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The sanitizer's shortcut: a span already within the limits is kept as it is, any other one is still normalised. */
class SpanSanitizerTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    private static Span span(String traceId, String spanId, String parent, String service, String name,
            String statusMessage, Map<String, Object> attributes, Map<String, Object> resource, String scope,
            List<SpanEvent> events, List<SpanLink> links) {
        return new Span(traceId, spanId, parent, service, name, SpanKind.CLIENT, 1_000, 2_000, SpanStatus.OK,
                statusMessage, attributes, resource, scope, "1.0", events, links);
    }

    private static Span clean() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("gen_ai.request.model", "gpt-4o");
        attributes.put("gen_ai.usage.input_tokens", 12L);
        attributes.put("observatory.confidence", 0.9);
        attributes.put("observatory.fallback_used", false);
        attributes.put("tags", Arrays.asList("a", null, 3L));
        return span(TRACE, SPAN, "00f067aa0ba902b7", "checkout", "chat gpt-4o", "ok", attributes,
                Map.of("service.name", "checkout"), "scope",
                List.of(new SpanEvent("gen_ai.choice", 1_500, Map.of("index", 0L))),
                List.of(new SpanLink(TRACE, "00f067aa0ba902b8", Map.of())));
    }

    @Test
    void aSpanAlreadyWithinTheLimitsIsKeptWithoutACopy() {
        Span s = clean();
        SpanSanitizer sanitizer = new SpanSanitizer();

        assertThat(sanitizer.clean(s)).isSameAs(s);
        assertThat(sanitizer.truncated).isZero();
        assertThat(sanitizer.dropped).isZero();
    }

    static Stream<Arguments> spansThatNeedWork() {
        String huge = "x".repeat(SpanLimits.MAX_VALUE_CHARS + 1);
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i <= SpanLimits.MAX_ATTRIBUTES; i++) {
            many.put("k" + i, (long) i);
        }
        List<SpanEvent> events = new ArrayList<>();
        for (int i = 0; i <= SpanLimits.MAX_EVENTS; i++) {
            events.add(new SpanEvent("e", i, Map.of()));
        }
        Map<String, Object> integer = new LinkedHashMap<>(Map.of("n", 1));
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("list", List.of(1.5f)));
        Map<String, Object> longKey = new LinkedHashMap<>(Map.of("k".repeat(SpanLimits.MAX_KEY_CHARS + 1), "v"));
        Map<String, Object> emptyKey = new LinkedHashMap<>(Map.of("", "v"));
        return Stream.of(
                Arguments.of("upper-case trace id", (UnaryOperator<Span>) s -> with(s, TRACE.toUpperCase(), null)),
                Arguments.of("empty parent", (UnaryOperator<Span>) s -> with(s, null, "")),
                Arguments.of("all-zero parent", (UnaryOperator<Span>) s -> with(s, null, "0000000000000000")),
                Arguments.of("padded service", (UnaryOperator<Span>) s -> service(s, " checkout ")),
                Arguments.of("blank service", (UnaryOperator<Span>) s -> service(s, "  ")),
                Arguments.of("huge value", (UnaryOperator<Span>) s -> attributes(s, Map.of("prompt", huge))),
                Arguments.of("huge resource value", (UnaryOperator<Span>) s -> resource(s, Map.of("r", huge))),
                Arguments.of("too many attributes", (UnaryOperator<Span>) s -> attributes(s, many)),
                Arguments.of("Integer value", (UnaryOperator<Span>) s -> attributes(s, integer)),
                Arguments.of("Float in a list", (UnaryOperator<Span>) s -> attributes(s, nested)),
                Arguments.of("over-long key", (UnaryOperator<Span>) s -> attributes(s, longKey)),
                Arguments.of("empty key", (UnaryOperator<Span>) s -> attributes(s, emptyKey)),
                Arguments.of("too many events", (UnaryOperator<Span>) s -> events(s, events)),
                Arguments.of("upper-case link id",
                        (UnaryOperator<Span>) s -> links(s,
                                List.of(new SpanLink(TRACE.toUpperCase(), SPAN, Map.of())))),
                Arguments.of("huge status message",
                        (UnaryOperator<Span>) s -> span(s.traceId(), s.spanId(), s.parentSpanId(), s.service(),
                                s.name(), huge, s.attributes(), s.resource(), s.scope(), s.events(), s.links())),
                Arguments.of("over-long name",
                        (UnaryOperator<Span>) s -> span(s.traceId(), s.spanId(), s.parentSpanId(), s.service(),
                                "n".repeat(SpanLimits.MAX_NAME_CHARS + 1), null, s.attributes(), s.resource(),
                                s.scope(), s.events(), s.links())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spansThatNeedWork")
    void aSpanOutsideTheLimitsIsStillNormalised(String what, UnaryOperator<Span> change) {
        Span s = change.apply(clean());
        SpanSanitizer sanitizer = new SpanSanitizer();

        Span out = sanitizer.clean(s);

        assertThat(SpanSanitizer.alreadyClean(s)).isFalse();
        assertThat(out).as("normalised: ids lower case, values cut or converted, extras dropped").isNotEqualTo(s);
    }

    private static Span with(Span s, String traceId, String parent) {
        return span(traceId == null ? s.traceId() : traceId, s.spanId(), parent == null ? s.parentSpanId() : parent,
                s.service(), s.name(), s.statusMessage(), s.attributes(), s.resource(), s.scope(), s.events(),
                s.links());
    }

    private static Span service(Span s, String service) {
        return span(s.traceId(), s.spanId(), s.parentSpanId(), service, s.name(), s.statusMessage(), s.attributes(),
                s.resource(), s.scope(), s.events(), s.links());
    }

    private static Span attributes(Span s, Map<String, Object> attributes) {
        return span(s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.name(), s.statusMessage(), attributes,
                s.resource(), s.scope(), s.events(), s.links());
    }

    private static Span resource(Span s, Map<String, Object> resource) {
        return span(s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.name(), s.statusMessage(), s.attributes(),
                resource, s.scope(), s.events(), s.links());
    }

    private static Span events(Span s, List<SpanEvent> events) {
        return span(s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.name(), s.statusMessage(), s.attributes(),
                s.resource(), s.scope(), events, s.links());
    }

    private static Span links(Span s, List<SpanLink> links) {
        return span(s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.name(), s.statusMessage(), s.attributes(),
                s.resource(), s.scope(), s.events(), links);
    }

    @Test
    void spansSharingTheirTraceIdAndResourceAreCheckedAsSpansWithCopiesOfThem() {
        Map<String, Object> resource = dev.observatory.model.trace.AttributeMaps.copyOf(Map.of("service.name", "svc"));
        Map<String, Object> bigResource = new LinkedHashMap<>();
        for (int i = 0; i <= SpanLimits.MAX_ATTRIBUTES; i++) {
            bigResource.put("k" + i, "v");
        }
        String upper = TRACE.toUpperCase(java.util.Locale.ROOT);
        List<Span> spans = List.of(span(TRACE, SPAN, null, "svc", "a", null, Map.of(), resource, "s", null, null),
                span(TRACE, "0000000000000000", null, "svc", "b", null, Map.of(), resource, "s", null, null),
                span(TRACE, "b7ad6b7169203332", SPAN, "svc", "c", null, Map.of("x", "y"), resource, "s", null, null),
                span(upper, "b7ad6b7169203333", SPAN, "svc", "d", null, Map.of(), resource, "s", null, null),
                span(upper, "b7ad6b7169203334", SPAN, "svc", "e", null, Map.of(), bigResource, "s", null, null),
                span(TRACE, "b7ad6b7169203335", SPAN, "svc", "f", null, Map.of(), bigResource, "s", null, null));
        SpanSanitizer shared = new SpanSanitizer();
        SpanSanitizer fresh = new SpanSanitizer();
        for (Span s : spans) {
            Span copy = span(new String(s.traceId().toCharArray()), s.spanId(), s.parentSpanId(), s.service(), s.name(),
                    s.statusMessage(), new LinkedHashMap<>(s.attributes()), new LinkedHashMap<>(s.resource()),
                    s.scope(), s.events(), s.links());
            Object expected = outcome(fresh, copy);
            assertThat(outcome(shared, s)).as(s.name()).isEqualTo(expected);
        }
        assertThat(shared.truncated).isEqualTo(fresh.truncated);
        assertThat(shared.dropped).isEqualTo(fresh.dropped).isPositive();
    }

    private static Object outcome(SpanSanitizer sanitizer, Span s) {
        try {
            return sanitizer.clean(s);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
