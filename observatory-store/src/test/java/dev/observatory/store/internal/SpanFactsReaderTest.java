package dev.observatory.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanReliability;
import dev.observatory.model.trace.SpanStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facts of spans with and without convention attributes; spans without any skip the look-ups. */
class SpanFactsReaderTest {

    private static Span span(SpanStatus status, Map<String, Object> attributes, List<SpanEvent> events) {
        return new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", null, "shop", "GET /", SpanKind.SERVER,
                1, 2, status, null, attributes, Map.of(), "", "", events, List.of());
    }

    @Test
    void aSpanWithoutConventionAttributesHasNoFacts() {
        SpanFacts f = SpanFactsReader
                .read(span(SpanStatus.OK, Map.of("http.route", "/", "db.system", "pg"), List.of()));

        assertThat(f).isSameAs(SpanFacts.NONE);
    }

    @Test
    void aFailedSpanWithoutConventionAttributesStillHasItsErrorType() {
        assertThat(SpanFactsReader.read(span(SpanStatus.ERROR, Map.of("http.route", "/"), List.of())))
                .isEqualTo(new SpanFacts(null, null, null, null, null, null, null, false, null, null, "_OTHER",
                        SpanReliability.NONE));
        assertThat(
                SpanFactsReader
                        .read(span(SpanStatus.ERROR, Map.of(),
                                List.of(new SpanEvent("exception", 1, Map.of("exception.type", "IOException")))))
                        .errorType()).isEqualTo("IOException");
    }

    @Test
    void eachConventionPrefixIsStillRead() {
        assertThat(
                SpanFactsReader.read(span(SpanStatus.OK, Map.of("gen_ai.request.model", "gpt-4o"), List.of())).model())
                        .isEqualTo("gpt-4o");
        assertThat(SpanFactsReader.read(span(SpanStatus.OK, Map.of("mcp.method.name", "tools/call"), List.of()))
                .operation()).isEqualTo("tools/call");
        assertThat(SpanFactsReader.read(span(SpanStatus.OK, Map.of("user.id", "u1"), List.of())).userId())
                .isEqualTo("u1");
        assertThat(SpanFactsReader.read(span(SpanStatus.OK, Map.of("enduser.id", "u2"), List.of())).userId())
                .isEqualTo("u2");
        assertThat(SpanFactsReader.read(span(SpanStatus.OK, Map.of("error.type", "Timeout"), List.of())).errorType())
                .isEqualTo("Timeout");
        SpanFacts f = SpanFactsReader.read(span(SpanStatus.OK, Map.of("observatory.retries", 2L), List.of()));
        assertThat(f.reliability().retries()).isEqualTo(2);
        assertThat(SpanFactsReader.reliability(Map.of("http.route", "/"))).isSameAs(SpanReliability.NONE);
    }
}
