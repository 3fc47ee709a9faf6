package dev.observatory.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.observatory.model.trace.Span;
import dev.observatory.store.internal.SpanJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversion shares what spans have in common (a trace's id string, a resource's map) without changing a value, and
 * its attribute maps hold and encode what the per-span copies held (decision 0045).
 */
class SpanConversionSharingTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    private static io.opentelemetry.proto.trace.v1.Span span(int trace, int id, List<KeyValue> attributes) {
        byte[] t = new byte[16];
        t[15] = (byte) trace;
        t[0] = (byte) 0xAB;
        return io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(ByteString.copyFrom(t))
                .setSpanId(ByteString.copyFrom(new byte[] { 0, 0, 0, 0, 0, 0, 1, (byte) id })).setName("s" + id)
                .setStartTimeUnixNano(1).setEndTimeUnixNano(2).addAllAttributes(attributes).build();
    }

    private static ResourceSpans resource(String service, io.opentelemetry.proto.trace.v1.Span... spans) {
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(KeyValue.newBuilder().setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))).build();
    }

    @Test
    void interleavedTracesKeepTheirIdsAndSpansOfAResourceShareItsMap() {
        ExportTraceServiceRequest req = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource("a", span(1, 1, List.of()), span(1, 2, List.of()), span(2, 3, List.of()),
                        span(1, 4, List.of())))
                .addResourceSpans(resource("b", span(1, 5, List.of()), span(3, 6, List.of()))).build();

        List<Span> spans = SpanConversion.spans(req);

        List<String> expected = new ArrayList<>();
        for (ResourceSpans rs : req.getResourceSpansList()) {
            for (var s : rs.getScopeSpans(0).getSpansList()) {
                expected.add(HexFormat.of().formatHex(s.getTraceId().toByteArray()));
            }
        }
        assertThat(spans).extracting(Span::traceId).isEqualTo(expected);
        assertThat(spans.get(1).traceId()).isSameAs(spans.get(0).traceId());
        assertThat(spans).extracting(Span::service).containsExactly("a", "a", "a", "a", "b", "b");
        assertThat(spans.get(3).resource()).isSameAs(spans.get(0).resource()).isEqualTo(Map.of("service.name", "a"));
        assertThat(spans.get(4).resource()).isEqualTo(Map.of("service.name", "b"));
        assertThatThrownBy(() -> spans.get(0).resource().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void randomAttributesConvertAndEncodeAsTheirPerSpanCopiesDid() {
        SplittableRandom r = new SplittableRandom(45);
        for (int n = 0; n < 500; n++) {
            List<KeyValue> attributes = new ArrayList<>();
            for (int i = r.nextInt(12); i > 0; i--) {
                String key = r.nextInt(5) == 0 && !attributes.isEmpty()
                        ? attributes.get(r.nextInt(attributes.size())).getKey() // a duplicate: the last one wins
                        : text(r, 16);
                attributes.add(KeyValue.newBuilder().setKey(key).setValue(value(r, 2)).build());
            }
            ExportTraceServiceRequest req = ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(resource("svc", span(1, 1, attributes))).build();

            Map<String, Object> converted = SpanConversion.spans(req).getFirst().attributes();

            Map<String, Object> reference = new LinkedHashMap<>(); // what AttributeValues.toMap built before 0045
            for (KeyValue kv : attributes) {
                reference.put(kv.getKey(), AttributeValues.value(kv.getValue()));
            }
            assertThat(converted).isEqualTo(reference);
            assertThat(List.copyOf(converted.keySet())).isEqualTo(List.copyOf(reference.keySet()));
            assertThat(SpanJson.attributes(converted)).isEqualTo(JACKSON.writeValueAsString(reference));
            assertThat(SpanJson.attributes(SpanJson.attributes(converted)))
                    .isEqualTo(SpanJson.attributes(JACKSON.writeValueAsString(reference)));
        }
    }

    private static AnyValue value(SplittableRandom r, int depth) {
        AnyValue.Builder b = AnyValue.newBuilder();
        switch (r.nextInt(depth > 0 ? 10 : 8)) {
            case 0, 1 -> b.setStringValue(text(r, 30));
            case 2 -> b.setIntValue(r.nextLong());
            case 3 -> b.setDoubleValue(switch (r.nextInt(5)) {
                case 0 -> Double.NaN;
                case 1 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> -0.0;
                default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 25));
            });
            case 4 -> b.setBoolValue(r.nextBoolean());
            case 5 -> {
                byte[] bytes = new byte[r.nextInt(12)];
                r.nextBytes(bytes);
                b.setBytesValue(ByteString.copyFrom(bytes));
            }
            case 6 -> {
                // nothing set: OTLP's empty value
            }
            case 7 -> b.setStringValue("");
            case 8 -> {
                ArrayValue.Builder a = ArrayValue.newBuilder();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.addValues(value(r, depth - 1));
                }
                b.setArrayValue(a);
            }
            default -> {
                KeyValueList.Builder kv = KeyValueList.newBuilder();
                for (int i = r.nextInt(3); i > 0; i--) {
                    kv.addValues(KeyValue.newBuilder().setKey(text(r, 8)).setValue(value(r, depth - 1)));
                }
                b.setKvlistValue(kv);
            }
        }
        return b.build();
    }

    /** Text with control characters, quotes, backslashes, Latin-1, other BMP characters and surrogate pairs. */
    private static String text(SplittableRandom r, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            switch (r.nextInt(8)) {
                case 0 -> b.append((char) r.nextInt(0x20));
                case 1 -> b.append(r.nextBoolean() ? '"' : '\\');
                case 2 -> b.append((char) r.nextInt(0x80, 0x100));
                case 3 -> b.append((char) r.nextInt(0x100, 0xD800));
                case 4 -> b.appendCodePoint(r.nextInt(0x10000, 0x10FFFF));
                default -> b.append((char) r.nextInt(0x20, 0x7F));
            }
        }
        return b.toString();
    }
}
