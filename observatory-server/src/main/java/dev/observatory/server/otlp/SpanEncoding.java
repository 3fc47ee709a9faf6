package dev.observatory.server.otlp;

import com.google.protobuf.ByteString;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanLink;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Model spans as an OTLP export request (the reverse of {@link SpanConversion}), grouped by resource and scope. */
final class SpanEncoding {
    private static final HexFormat HEX = HexFormat.of();

    private SpanEncoding() {
    }

    static ExportTraceServiceRequest request(List<Span> spans) {
        Map<Map<String, Object>, Map<List<String>, ScopeSpans.Builder>> groups = new LinkedHashMap<>();
        for (Span s : spans) {
            groups.computeIfAbsent(s.resource(), r -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(s.scope(), s.scopeVersion()),
                            k -> ScopeSpans.newBuilder()
                                    .setScope(InstrumentationScope.newBuilder().setName(k.get(0)).setVersion(k.get(1))))
                    .addSpans(span(s));
        }
        ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
        groups.forEach((resource, scopes) -> {
            ResourceSpans.Builder rs = ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAllAttributes(attributes(resource)));
            scopes.values().forEach(rs::addScopeSpans);
            b.addResourceSpans(rs);
        });
        return b.build();
    }

    private static io.opentelemetry.proto.trace.v1.Span span(Span s) {
        io.opentelemetry.proto.trace.v1.Span.Builder b = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(id(s.traceId())).setSpanId(id(s.spanId())).setName(s.name()).setKindValue(kind(s.kind()))
                .setStartTimeUnixNano(s.startNanos()).setEndTimeUnixNano(s.endNanos())
                .addAllAttributes(attributes(s.attributes()))
                .setStatus(Status.newBuilder().setCodeValue(status(s.status()))
                        .setMessage(s.statusMessage() == null ? "" : s.statusMessage()));
        if (s.parentSpanId() != null) {
            b.setParentSpanId(id(s.parentSpanId()));
        }
        for (SpanEvent e : s.events()) {
            b.addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName(e.name())
                    .setTimeUnixNano(e.timeNanos()).addAllAttributes(attributes(e.attributes())));
        }
        for (SpanLink l : s.links()) {
            b.addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceId(id(l.traceId()))
                    .setSpanId(id(l.spanId())).addAllAttributes(attributes(l.attributes())));
        }
        return b.build();
    }

    private static int kind(dev.observatory.model.trace.SpanKind k) {
        return switch (k) {
            case INTERNAL -> 1;
            case SERVER -> 2;
            case CLIENT -> 3;
            case PRODUCER -> 4;
            case CONSUMER -> 5;
        };
    }

    private static int status(dev.observatory.model.trace.SpanStatus st) {
        return switch (st) {
            case UNSET -> 0;
            case OK -> 1;
            case ERROR -> 2;
        };
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HEX.parseHex(hex));
    }

    static List<KeyValue> attributes(Map<String, Object> attributes) {
        return attributes.entrySet().stream()
                .map(e -> KeyValue.newBuilder().setKey(e.getKey()).setValue(value(e.getValue())).build()).toList();
    }

    static AnyValue value(Object v) {
        AnyValue.Builder b = AnyValue.newBuilder();
        switch (v) {
            case null -> {
            }
            case String s -> b.setStringValue(s);
            case Boolean x -> b.setBoolValue(x);
            case Long x -> b.setIntValue(x);
            case Integer x -> b.setIntValue(x);
            case Double x -> b.setDoubleValue(x);
            case Float x -> b.setDoubleValue(x);
            case List<?> list -> {
                ArrayValue.Builder a = ArrayValue.newBuilder();
                list.forEach(e -> a.addValues(value(e)));
                b.setArrayValue(a);
            }
            default -> b.setStringValue(v.toString());
        }
        return b.build();
    }
}
