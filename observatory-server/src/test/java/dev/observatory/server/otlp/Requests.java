package dev.observatory.server.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Builders for OTLP protobuf requests, gzip, and a reader for google.rpc.Status bodies. */
final class Requests {
    static final long T0 = 1_700_000_000_000_000_000L;

    private Requests() {
    }

    static Span span(String traceHex, String spanHex, long start, long end, String name) {
        return Span.newBuilder().setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceHex)))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanHex))).setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(start).setEndTimeUnixNano(end).build();
    }

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static ExportTraceServiceRequest request(String service, Span... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span s : spans) {
            scope.addSpans(s);
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.name", service))).addScopeSpans(scope))
                .build();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A google.rpc.Status in protobuf: field 1 code, field 2 message. */
    record RpcStatus(long code, String message) {
        static RpcStatus parse(byte[] body) {
            try {
                UnknownFieldSet f = UnknownFieldSet.parseFrom(body);
                return new RpcStatus(f.getField(1).getVarintList().getFirst(),
                        f.getField(2).getLengthDelimitedList().getFirst().toStringUtf8());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError("not a protobuf Status", e);
            }
        }
    }
}
