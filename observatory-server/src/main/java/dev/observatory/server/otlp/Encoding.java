package dev.observatory.server.otlp;

import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two OTLP/HTTP encodings: binary protobuf ({@code application/x-protobuf}) and JSON ({@code application/json}). A
 * response, success or failure, is written in the encoding of its request; failures carry a {@code google.rpc.Status}
 * ({@code code}, {@code message}) as the specification asks.
 */
enum Encoding {
    PROTOBUF("application/x-protobuf"), JSON("application/json");

    /** gRPC status codes used in failure bodies. */
    static final int INVALID_ARGUMENT = 3;
    static final int NOT_FOUND = 5;
    static final int PERMISSION_DENIED = 7;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int UNIMPLEMENTED = 12;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;

    private final String contentType;

    Encoding(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The encoding a Content-Type names (parameters such as charset ignored); null when it is neither. */
    static Encoding of(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
            case "application/json" -> JSON;
            default -> null;
        };
    }

    /** Decodes an export request; OtlpDecodeException when the bytes are not one. */
    ExportTraceServiceRequest traces(byte[] body) {
        if (this == JSON) {
            return OtlpJson.traces(body);
        }
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new OtlpDecodeException("the body is not a valid protobuf ExportTraceServiceRequest: "
                    + OtlpJson.firstLine(e.getMessage()));
        }
    }

    /** Decodes a metrics export request; OtlpDecodeException when the bytes are not one. */
    io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest metrics(byte[] body) {
        if (this == JSON) {
            return OtlpMetricsJson.metrics(body);
        }
        try {
            return io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.parseFrom(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new OtlpDecodeException("the body is not a valid protobuf ExportMetricsServiceRequest: "
                    + OtlpJson.firstLine(e.getMessage()));
        }
    }

    /** An ExportMetricsServiceResponse; partial_success only when data points were rejected or there is a message. */
    byte[] metricResponse(long rejectedPoints, String message) {
        boolean partial = rejectedPoints > 0 || message != null && !message.isEmpty();
        if (this == PROTOBUF) {
            var b = io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse.newBuilder();
            if (partial) {
                b.setPartialSuccess(io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess.newBuilder()
                        .setRejectedDataPoints(rejectedPoints).setErrorMessage(message == null ? "" : message));
            }
            return b.build().toByteArray();
        }
        if (!partial) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder("{\"partialSuccess\":{\"rejectedDataPoints\":\"").append(rejectedPoints)
                .append('"');
        if (message != null && !message.isEmpty()) {
            sb.append(",\"errorMessage\":");
            jsonString(message, sb);
        }
        return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An ExportTraceServiceResponse; partial_success is set only when spans were rejected or there is a message. */
    byte[] traceResponse(long rejectedSpans, String message) {
        boolean partial = rejectedSpans > 0 || message != null && !message.isEmpty();
        if (this == PROTOBUF) {
            ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
            if (partial) {
                b.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejectedSpans)
                        .setErrorMessage(message == null ? "" : message));
            }
            return b.build().toByteArray();
        }
        if (!partial) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder("{\"partialSuccess\":{\"rejectedSpans\":\"").append(rejectedSpans)
                .append('"');
        if (message != null && !message.isEmpty()) {
            sb.append(",\"errorMessage\":");
            jsonString(message, sb);
        }
        return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A google.rpc.Status with the gRPC code and message. */
    byte[] status(int code, String message) {
        if (this == JSON) {
            StringBuilder sb = new StringBuilder("{\"code\":").append(code).append(",\"message\":");
            jsonString(message, sb);
            return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void jsonString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
