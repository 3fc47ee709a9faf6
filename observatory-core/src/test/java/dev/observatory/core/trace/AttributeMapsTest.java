package dev.observatory.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.trace.AttributeMaps;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanLink;
import dev.observatory.model.trace.SpanStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's attribute maps: copied once, then shared, and behaving as the unmodifiable copies they replace. */
class AttributeMapsTest {

    private static LinkedHashMap<String, Object> sample() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("z", "last key first");
        m.put("gen_ai.usage.input_tokens", 12L);
        m.put("a", List.of(1L, 2.5));
        m.put("flag", true);
        return m;
    }

    @Test
    void behaveAsAnUnmodifiableOrderedCopy() {
        LinkedHashMap<String, Object> source = sample();
        Map<String, Object> copy = AttributeMaps.copyOf(source);
        Map<String, Object> old = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        source.put("later", "not seen");

        assertThat(copy).isEqualTo(old).hasSameHashCodeAs(old).hasToString(old.toString());
        assertThat(List.copyOf(copy.keySet())).containsExactly("z", "gen_ai.usage.input_tokens", "a", "flag");
        assertThat(List.copyOf(copy.values())).isEqualTo(List.copyOf(old.values()));
        assertThat(copy.get("missing")).isNull();
        assertThat(copy.get(null)).isNull();
        assertThat(copy.containsKey(null)).isFalse();
        assertThat(copy.getOrDefault("missing", "d")).isEqualTo("d");
        assertThat(AttributeMaps.copyOf(null)).isEqualTo(Map.of());
        assertThat(AttributeMaps.copyOf(Map.of())).isEmpty();
        assertThat(AttributeMaps.copyOf(Map.of()).get(null)).isNull();
        for (Runnable change : List.<Runnable> of(() -> copy.put("k", "v"), () -> copy.remove("z"), copy::clear,
                () -> copy.putAll(Map.of("k", "v")), () -> copy.putIfAbsent("z", "v"),
                () -> copy.computeIfAbsent("k", k -> "v"), () -> copy.merge("z", "v", (a, b) -> b),
                () -> copy.replaceAll((k, v) -> v), () -> copy.entrySet().iterator().next().setValue("v"),
                () -> copy.keySet().remove("z"), () -> copy.values().clear())) {
            assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(copy).isEqualTo(old);
    }

    @Test
    void aMapMadeHereIsNotCopiedAgainAndAnAdoptedMapIsTakenAsItIs() {
        Map<String, Object> copy = AttributeMaps.copyOf(sample());
        assertThat(AttributeMaps.copyOf(copy)).isSameAs(copy);
        Map<String, Object> adopted = AttributeMaps.adopt(sample());
        assertThat(adopted).isEqualTo(sample());
        assertThat(AttributeMaps.copyOf(adopted)).isSameAs(adopted);
        assertThat(AttributeMaps.copyOf(Collections.unmodifiableMap(sample()))).isNotSameAs(copy).isEqualTo(copy);

        Span span = new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", null, "svc", "op", SpanKind.CLIENT,
                1, 2, SpanStatus.OK, null, adopted, adopted, "", "", List.of(new SpanEvent("e", 1, adopted)),
                List.of(new SpanLink("t", "s", adopted)));
        assertThat(span.attributes()).isSameAs(adopted);
        assertThat(span.resource()).isSameAs(adopted);
        assertThat(span.events().get(0).attributes()).isSameAs(adopted);
        assertThat(span.links().get(0).attributes()).isSameAs(adopted);
        Span plain = new Span(span.traceId(), span.spanId(), null, "svc", "op", SpanKind.CLIENT, 1, 2, SpanStatus.OK,
                null, sample(), null, null, null, null, null);
        assertThat(plain.attributes()).isEqualTo(adopted).isNotSameAs(adopted);
        assertThat(plain.resource()).isEqualTo(Map.of());
    }
}
