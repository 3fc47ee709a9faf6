package dev.observatory.bench.trace;

import com.google.protobuf.ByteString;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP/protobuf export bodies of the synthetic LLM-app spans ({@link SyntheticSpans}), built with the official
 * OpenTelemetry protobuf classes the way an SDK's exporter sends them: one {@code ResourceSpans} per service (its
 * resource attributes), one scope, the spans with their attributes, status and parent ids.
 */
final class OtlpBodies {
    private static final HexFormat HEX = HexFormat.of();

    private OtlpBodies() {
    }

    /**
     * Bodies of {@code batch} spans each for traces {@code first..first+traces-1} (8 spans a trace, so a batch of 512
     * holds 64 whole traces), dated so that the first trace starts {@code shiftNanos} after the synthetic day's start.
     */
    static List<byte[]> bodies(long first, long traces, int batch, long shiftNanos) {
        List<byte[]> out = new ArrayList<>();
        List<Span> pending = new ArrayList<>(batch);
        for (long t = first; t < first + traces; t++) {
            pending.addAll(SyntheticSpans.trace(t, first + traces));
            if (pending.size() >= batch) {
                out.add(body(pending, shiftNanos));
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            out.add(body(pending, shiftNanos));
        }
        return out;
    }

    static byte[] body(List<Span> spans, long shiftNanos) {
        Map<String, ScopeSpans.Builder> byService = new LinkedHashMap<>();
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        for (Span s : spans) {
            resources.putIfAbsent(s.service(), s.resource());
            byService
                    .computeIfAbsent(s.service(),
                            k -> ScopeSpans.newBuilder().setScope(
                                    InstrumentationScope.newBuilder().setName(s.scope()).setVersion(s.scopeVersion())))
                    .addSpans(span(s, shiftNanos));
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        byService.forEach((service, scope) -> {
            Resource.Builder resource = Resource.newBuilder();
            resources.get(service).forEach((k, v) -> resource.addAttributes(keyValue(k, v)));
            request.addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope));
        });
        return request.build().toByteArray();
    }

    private static io.opentelemetry.proto.trace.v1.Span span(Span s, long shiftNanos) {
        io.opentelemetry.proto.trace.v1.Span.Builder b = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HEX.parseHex(s.traceId())))
                .setSpanId(ByteString.copyFrom(HEX.parseHex(s.spanId()))).setName(s.name())
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.forNumber(s.kind().ordinal() + 1))
                .setStartTimeUnixNano(s.startNanos() + shiftNanos).setEndTimeUnixNano(s.endNanos() + shiftNanos);
        if (s.parentSpanId() != null) {
            b.setParentSpanId(ByteString.copyFrom(HEX.parseHex(s.parentSpanId())));
        }
        s.attributes().forEach((k, v) -> b.addAttributes(keyValue(k, v)));
        Status.Builder status = Status.newBuilder().setCode(switch (s.status()) {
            case OK -> Status.StatusCode.STATUS_CODE_OK;
            case ERROR -> Status.StatusCode.STATUS_CODE_ERROR;
            default -> Status.StatusCode.STATUS_CODE_UNSET;
        });
        if (s.status() == SpanStatus.ERROR && s.statusMessage() != null) {
            status.setMessage(s.statusMessage());
        }
        return b.setStatus(status).build();
    }

    private static KeyValue keyValue(String key, Object value) {
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (value) {
            case Long l -> v.setIntValue(l);
            case Integer i -> v.setIntValue(i);
            case Double d -> v.setDoubleValue(d);
            case Boolean bool -> v.setBoolValue(bool);
            default -> v.setStringValue(String.valueOf(value));
        }
        return KeyValue.newBuilder().setKey(key).setValue(v).build();
    }
}
