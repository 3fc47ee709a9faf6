package dev.observatory.server.otlp;

import com.google.protobuf.ByteString;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanLink;
import dev.observatory.model.trace.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OTLP spans (the official protobuf classes) as model {@link Span}s. Ids become lower-case hex whatever their length:
 * validating them (length, all-zero) is the trace service's job, which rejects such spans one by one. The service is
 * the resource's {@code service.name} ({@code unknown_service} when absent, as the SDKs name it), an unspecified kind
 * is INTERNAL. Dropped-attribute counts, trace state and flags are not kept.
 */
public final class SpanConversion {
    /** The service of spans whose resource has no {@code service.name}. */
    static final String UNKNOWN_SERVICE = "unknown_service";
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private SpanConversion() {
    }

    /** Every span of the request, in order (public for the benchmarks: OtlpConversionBench). */
    public static List<Span> spans(ExportTraceServiceRequest request) {
        List<Span> out = new ArrayList<>(count(request));
        // the spans of a trace mostly come one after the other: they share one trace id string (decision 0045)
        ByteString traceBytes = null;
        String traceId = null;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, Object> resource = AttributeValues.toMap(rs.getResource().getAttributesList());
            String service = resource.get("service.name") instanceof String s && !s.isBlank() ? s : UNKNOWN_SERVICE;
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                String scope = ss.getScope().getName();
                String scopeVersion = ss.getScope().getVersion();
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    traceId = s.getTraceId().equals(traceBytes) ? traceId : hex(s.getTraceId());
                    traceBytes = s.getTraceId();
                    out.add(span(s, traceId, service, resource, scope, scopeVersion));
                }
            }
        }
        return out;
    }

    /** Number of spans in the request, without converting them. */
    static int count(ExportTraceServiceRequest request) {
        int n = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                n += ss.getSpansCount();
            }
        }
        return n;
    }

    private static Span span(io.opentelemetry.proto.trace.v1.Span s, String traceId, String service,
            Map<String, Object> resource, String scope, String scopeVersion) {
        List<SpanEvent> events = s.getEventsCount() == 0 ? List.of() : new ArrayList<>(s.getEventsCount());
        for (io.opentelemetry.proto.trace.v1.Span.Event e : s.getEventsList()) {
            events.add(new SpanEvent(e.getName(), e.getTimeUnixNano(), AttributeValues.toMap(e.getAttributesList())));
        }
        List<SpanLink> links = s.getLinksCount() == 0 ? List.of() : new ArrayList<>(s.getLinksCount());
        for (io.opentelemetry.proto.trace.v1.Span.Link l : s.getLinksList()) {
            links.add(new SpanLink(hex(l.getTraceId()), hex(l.getSpanId()),
                    AttributeValues.toMap(l.getAttributesList())));
        }
        String parent = s.getParentSpanId().isEmpty() ? null : hex(s.getParentSpanId());
        return new Span(traceId, hex(s.getSpanId()), parent, service, s.getName(), kind(s.getKindValue()),
                s.getStartTimeUnixNano(), s.getEndTimeUnixNano(), status(s.getStatus().getCodeValue()),
                s.getStatus().getMessage().isEmpty() ? null : s.getStatus().getMessage(),
                AttributeValues.toMap(s.getAttributesList()), resource, scope, scopeVersion, events, links);
    }

    static String hex(ByteString bytes) {
        int n = bytes.size();
        byte[] text = new byte[n * 2]; // ASCII: the string takes this array's bytes as its Latin-1 content
        for (int i = 0; i < n; i++) {
            int b = bytes.byteAt(i);
            text[2 * i] = HEX_DIGITS[b >> 4 & 0xF];
            text[2 * i + 1] = HEX_DIGITS[b & 0xF];
        }
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** OTLP's SpanKind numbers: 0 unspecified and unknown values are INTERNAL. */
    static SpanKind kind(int value) {
        return switch (value) {
            case 2 -> SpanKind.SERVER;
            case 3 -> SpanKind.CLIENT;
            case 4 -> SpanKind.PRODUCER;
            case 5 -> SpanKind.CONSUMER;
            default -> SpanKind.INTERNAL;
        };
    }

    /** OTLP's status codes: 1 OK, 2 ERROR, anything else UNSET. */
    static SpanStatus status(int value) {
        return switch (value) {
            case 1 -> SpanStatus.OK;
            case 2 -> SpanStatus.ERROR;
            default -> SpanStatus.UNSET;
        };
    }
}
