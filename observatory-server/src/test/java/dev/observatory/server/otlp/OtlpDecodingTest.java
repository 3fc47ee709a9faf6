package dev.observatory.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OTLP/JSON and protobuf requests as model spans, without a server. */
class OtlpDecodingTest {

    static byte[] resource(String name) {
        try (InputStream in = OtlpDecodingTest.class.getResourceAsStream("/otlp/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Span> json(String body) {
        return SpanConversion.spans(OtlpJson.traces(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheSpecificationsJsonExampleWithHexIdsAndEveryValueType() {
        List<Span> spans = SpanConversion.spans(OtlpJson.traces(resource("trace.json")));

        assertThat(spans).hasSize(1);
        Span s = spans.getFirst();
        assertThat(s.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(s.spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(s.parentSpanId()).isEqualTo("eee19b7ec3c1b173");
        assertThat(s.service()).isEqualTo("my.service");
        assertThat(s.name()).isEqualTo("I'm a server span");
        assertThat(s.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(s.startNanos()).isEqualTo(1544712660000000000L);
        assertThat(s.endNanos()).isEqualTo(1544712661000000000L);
        assertThat(s.status()).isEqualTo(SpanStatus.ERROR);
        assertThat(s.statusMessage()).isEqualTo("upstream timed out");
        assertThat(s.scope()).isEqualTo("my.library");
        assertThat(s.scopeVersion()).isEqualTo("1.0.0");
        assertThat(s.resource()).containsEntry("deployment.environment", "test");
        assertThat(s.attributes()).containsEntry("gen_ai.request.model", "gpt-4o-mini")
                .containsEntry("gen_ai.usage.input_tokens", 1200L).containsEntry("gen_ai.usage.output_tokens", 87L)
                .containsEntry("observatory.confidence", 0.82).containsEntry("observatory.fallback_used", false)
                .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
                .containsEntry("request.headers", "{\"x\":1}").containsEntry("payload", "\"AQID\"");
        assertThat(s.events()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("exception");
            assertThat(e.timeNanos()).isEqualTo(1544712660500000000L);
            assertThat(e.attributes()).containsEntry("exception.type", "TimeoutError");
        });
        assertThat(s.links()).singleElement().satisfies(l -> {
            assertThat(l.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(l.spanId()).isEqualTo("b7ad6b7169203331");
            assertThat(l.attributes()).containsEntry("link.kind", "retry-of");
        });
    }

    @Test
    void acceptsProtoFieldNamesEnumNamesAndMissingResource() {
        List<Span> spans = json("""
                {"resource_spans":[{"scope_spans":[{"spans":[{"trace_id":"0102030405060708090a0b0c0d0e0f10",
                "span_id":"0102030405060708","name":"x","kind":"SPAN_KIND_CLIENT","start_time_unix_nano":5,
                "end_time_unix_nano":"7","status":{"code":"STATUS_CODE_OK"}}]}]}]}""");

        Span s = spans.getFirst();
        assertThat(s.service()).isEqualTo(SpanConversion.UNKNOWN_SERVICE);
        assertThat(s.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(s.status()).isEqualTo(SpanStatus.OK);
        assertThat(s.parentSpanId()).isNull();
        assertThat(s.durationNanos()).isEqualTo(2);
    }

    @Test
    void unspecifiedAndUnknownKindsAreInternal() {
        assertThat(SpanConversion.kind(0)).isEqualTo(SpanKind.INTERNAL);
        assertThat(SpanConversion.kind(99)).isEqualTo(SpanKind.INTERNAL);
        assertThat(SpanConversion.kind(5)).isEqualTo(SpanKind.CONSUMER);
        assertThat(json("""
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10",
                "spanId":"0102030405060708","name":"x"}]}]}]}""").getFirst().kind()).isEqualTo(SpanKind.INTERNAL);
    }

    @Test
    void base64IdsAreRefusedWithAHintThatOtlpJsonUsesHex() {
        assertThatThrownBy(() -> json("""
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"AQIDBAUGBwgJCgsMDQ4PEA==",
                "spanId":"0102030405060708","name":"x"}]}]}]}""")).isInstanceOf(OtlpDecodeException.class)
                .hasMessageContaining("traceId must be hex");
    }

    @Test
    void malformedJsonAndWrongShapesSayWhatIsWrong() {
        assertThatThrownBy(() -> json("{\"resourceSpans\":[")).isInstanceOf(OtlpDecodeException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> json("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> json("{\"resourceSpans\":{}}")).hasMessageContaining("resourceSpans must be an array");
        assertThatThrownBy(() -> json("""
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"-1"}]}]}]}"""))
                .hasMessageContaining("startTimeUnixNano must be an unsigned 64-bit integer");
        assertThatThrownBy(() -> json(
                """
                        {"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"a","value":{"intValue":"x"}}]}]}]}]}"""))
                        .hasMessageContaining("intValue must be a 64-bit integer");
    }

    @Test
    void protobufValuesKeepTheirTypesAndNestedValuesBecomeJson() {
        AnyValue nested = AnyValue.newBuilder()
                .setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setIntValue(1))
                        .addValues(AnyValue.newBuilder().setStringValue("a\"b")))
                .build();
        AnyValue array = AnyValue.newBuilder()
                .setArrayValue(
                        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setDoubleValue(1.5)).addValues(nested))
                .build();
        io.opentelemetry.proto.trace.v1.Span span = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(ByteString.copyFrom(new byte[16])).setSpanId(ByteString.copyFrom(new byte[] { 1, 2, 3 }))
                .setName("n").addAttributes(KeyValue.newBuilder().setKey("arr").setValue(array))
                .addAttributes(KeyValue.newBuilder().setKey("empty")).build();
        ExportTraceServiceRequest req = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build();

        Span s = SpanConversion.spans(req).getFirst();

        assertThat(s.traceId()).isEqualTo("0".repeat(32));
        assertThat(s.spanId()).as("wrong lengths pass through for the trace service to reject").isEqualTo("010203");
        assertThat(s.attributes()).isEqualTo(Map.of("arr", List.of(1.5, "[1,\"a\\\"b\"]"), "empty", ""));
        assertThat(SpanConversion.count(req)).isEqualTo(1);
    }

    @Test
    void idsBecomeLowerCaseHexForEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        assertThat(SpanConversion.hex(ByteString.copyFrom(all))).isEqualTo(java.util.HexFormat.of().formatHex(all));
        assertThat(SpanConversion.hex(ByteString.EMPTY)).isEmpty();
    }

    @Test
    void aBodyIsReadWholeWithOrWithoutItsAnnouncedLengthAndNeverPastTheLimit() throws IOException {
        byte[] body = new byte[70_000];
        new java.util.Random(5).nextBytes(body);

        assertThat(OtlpBodies.read(new java.io.ByteArrayInputStream(body), false, 100_000, body.length))
                .isEqualTo(body);
        assertThat(OtlpBodies.read(new java.io.ByteArrayInputStream(body), false, 100_000, -1)).isEqualTo(body);
        assertThat(OtlpBodies.read(new java.io.ByteArrayInputStream(body), false, 100_000, 1_000))
                .as("more than announced is still read whole").isEqualTo(body);
        assertThat(OtlpBodies.read(new java.io.ByteArrayInputStream(body), false, 100_000, 90_000))
                .as("shorter than announced: what came, for the decoder to refuse").isEqualTo(body);
        assertThatThrownBy(() -> OtlpBodies.read(new java.io.ByteArrayInputStream(body), false, 60_000, 1_000))
                .isInstanceOf(OtlpBodies.TooLarge.class);
    }
}
