package dev.observatory.server.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OTLP/JSON encoding of an {@link ExportTraceServiceRequest}, per the OTLP specification: lowerCamelCase field
 * names (the original snake_case names are accepted too), trace and span ids as hex strings (not base64), enums as
 * integers (their names are accepted too), 64-bit integers as strings or numbers, bytes values as base64, unknown
 * fields ignored. A body that is not such JSON is an {@link OtlpDecodeException} saying where.
 */
final class OtlpJson {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
            .build();
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private OtlpJson() {
    }

    static ExportTraceServiceRequest traces(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw new OtlpDecodeException("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new OtlpDecodeException("the body must be a JSON object with resourceSpans");
        }
        ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
        for (JsonNode rs : array(root, "resourceSpans", "resource_spans")) {
            b.addResourceSpans(resourceSpans(rs));
        }
        return b.build();
    }

    private static ResourceSpans resourceSpans(JsonNode n) {
        ResourceSpans.Builder b = ResourceSpans.newBuilder();
        JsonNode resource = field(n, "resource", "resource");
        if (resource != null) {
            Resource.Builder r = Resource.newBuilder();
            for (JsonNode kv : array(resource, "attributes", "attributes")) {
                r.addAttributes(keyValue(kv));
            }
            b.setResource(r);
        }
        b.setSchemaUrl(string(n, "schemaUrl", "schema_url"));
        for (JsonNode ss : array(n, "scopeSpans", "scope_spans")) {
            b.addScopeSpans(scopeSpans(ss));
        }
        return b.build();
    }

    private static ScopeSpans scopeSpans(JsonNode n) {
        ScopeSpans.Builder b = ScopeSpans.newBuilder();
        JsonNode scope = field(n, "scope", "scope");
        if (scope != null) {
            InstrumentationScope.Builder s = InstrumentationScope.newBuilder().setName(string(scope, "name", "name"))
                    .setVersion(string(scope, "version", "version"));
            for (JsonNode kv : array(scope, "attributes", "attributes")) {
                s.addAttributes(keyValue(kv));
            }
            b.setScope(s);
        }
        b.setSchemaUrl(string(n, "schemaUrl", "schema_url"));
        for (JsonNode s : array(n, "spans", "spans")) {
            b.addSpans(span(s));
        }
        return b.build();
    }

    private static Span span(JsonNode n) {
        Span.Builder b = Span.newBuilder().setTraceId(id(n, "traceId", "trace_id"))
                .setSpanId(id(n, "spanId", "span_id")).setParentSpanId(id(n, "parentSpanId", "parent_span_id"))
                .setTraceState(string(n, "traceState", "trace_state")).setName(string(n, "name", "name"))
                .setKindValue(enumValue(field(n, "kind", "kind"), "kind"))
                .setStartTimeUnixNano(uint64(n, "startTimeUnixNano", "start_time_unix_nano"))
                .setEndTimeUnixNano(uint64(n, "endTimeUnixNano", "end_time_unix_nano"));
        for (JsonNode kv : array(n, "attributes", "attributes")) {
            b.addAttributes(keyValue(kv));
        }
        for (JsonNode e : array(n, "events", "events")) {
            Span.Event.Builder eb = Span.Event.newBuilder().setName(string(e, "name", "name"))
                    .setTimeUnixNano(uint64(e, "timeUnixNano", "time_unix_nano"));
            for (JsonNode kv : array(e, "attributes", "attributes")) {
                eb.addAttributes(keyValue(kv));
            }
            b.addEvents(eb);
        }
        for (JsonNode l : array(n, "links", "links")) {
            Span.Link.Builder lb = Span.Link.newBuilder().setTraceId(id(l, "traceId", "trace_id"))
                    .setSpanId(id(l, "spanId", "span_id")).setTraceState(string(l, "traceState", "trace_state"));
            for (JsonNode kv : array(l, "attributes", "attributes")) {
                lb.addAttributes(keyValue(kv));
            }
            b.addLinks(lb);
        }
        JsonNode status = field(n, "status", "status");
        if (status != null) {
            b.setStatus(Status.newBuilder().setMessage(string(status, "message", "message"))
                    .setCodeValue(enumValue(field(status, "code", "code"), "status.code")));
        }
        return b.build();
    }

    static KeyValue keyValue(JsonNode n) {
        KeyValue.Builder b = KeyValue.newBuilder().setKey(string(n, "key", "key"));
        JsonNode v = field(n, "value", "value");
        if (v != null) {
            b.setValue(anyValue(v));
        }
        return b.build();
    }

    static AnyValue anyValue(JsonNode n) {
        if (!n.isObject()) {
            throw new OtlpDecodeException("an attribute value must be an object such as {\"stringValue\":\"x\"}");
        }
        AnyValue.Builder b = AnyValue.newBuilder();
        JsonNode v;
        if ((v = field(n, "stringValue", "string_value")) != null) {
            b.setStringValue(text(v, "stringValue"));
        } else if ((v = field(n, "boolValue", "bool_value")) != null) {
            if (!v.isBoolean()) {
                throw new OtlpDecodeException("boolValue must be true or false, got " + v);
            }
            b.setBoolValue(v.booleanValue());
        } else if ((v = field(n, "intValue", "int_value")) != null) {
            b.setIntValue(int64(v, "intValue"));
        } else if ((v = field(n, "doubleValue", "double_value")) != null) {
            b.setDoubleValue(dbl(v));
        } else if ((v = field(n, "arrayValue", "array_value")) != null) {
            ArrayValue.Builder a = ArrayValue.newBuilder();
            for (JsonNode e : array(v, "values", "values")) {
                a.addValues(anyValue(e));
            }
            b.setArrayValue(a);
        } else if ((v = field(n, "kvlistValue", "kvlist_value")) != null) {
            KeyValueList.Builder l = KeyValueList.newBuilder();
            for (JsonNode e : array(v, "values", "values")) {
                l.addValues(keyValue(e));
            }
            b.setKvlistValue(l);
        } else if ((v = field(n, "bytesValue", "bytes_value")) != null) {
            try {
                b.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(text(v, "bytesValue"))));
            } catch (IllegalArgumentException e) {
                throw new OtlpDecodeException("bytesValue must be base64: " + e.getMessage());
            }
        }
        return b.build();
    }

    /** A trace or span id: hex (any case) in OTLP/JSON; absent or empty is empty. */
    private static ByteString id(JsonNode n, String camel, String snake) {
        String s = string(n, camel, snake);
        if (s.isEmpty()) {
            return ByteString.EMPTY;
        }
        if (s.length() % 2 != 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new OtlpDecodeException(camel + " must be hex (OTLP/JSON encodes ids as hex, not base64), got '"
                    + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "'");
        }
        return ByteString.copyFrom(HexFormat.of().parseHex(s));
    }

    private static int enumValue(JsonNode v, String what) {
        if (v == null) {
            return 0;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isString()) {
            String s = v.stringValue();
            try {
                return what.equals("kind") ? Span.SpanKind.valueOf(s).getNumber()
                        : Status.StatusCode.valueOf(s).getNumber();
            } catch (IllegalArgumentException e) {
                throw new OtlpDecodeException(what + " must be an enum number (or its name), got '" + s + "'");
            }
        }
        throw new OtlpDecodeException(what + " must be an enum number, got " + v);
    }

    static long uint64(JsonNode n, String camel, String snake) {
        JsonNode v = field(n, camel, snake);
        if (v == null) {
            return 0;
        }
        BigInteger big;
        try {
            big = v.isString() ? new BigInteger(v.stringValue().trim())
                    : v.isIntegralNumber() ? v.bigIntegerValue() : null;
        } catch (NumberFormatException e) {
            big = null;
        }
        if (big == null || big.signum() < 0 || big.compareTo(UINT64_MAX) > 0) {
            throw new OtlpDecodeException(camel + " must be an unsigned 64-bit integer (string or number), got " + v);
        }
        return big.longValue();
    }

    static long int64(JsonNode v, String what) {
        try {
            if (v.isString()) {
                return Long.parseLong(v.stringValue().trim());
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OtlpDecodeException(what + " must be a 64-bit integer (string or number), got " + v);
    }

    static double dbl(JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isString()) {
            switch (v.stringValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(v.stringValue());
                    } catch (NumberFormatException e) {
                        // reported below
                    }
            }
        }
        throw new OtlpDecodeException("doubleValue must be a number, got " + v);
    }

    static String string(JsonNode n, String camel, String snake) {
        JsonNode v = field(n, camel, snake);
        return v == null ? "" : text(v, camel);
    }

    private static String text(JsonNode v, String what) {
        if (!v.isString()) {
            throw new OtlpDecodeException(what + " must be a string, got " + v);
        }
        return v.stringValue();
    }

    static Iterable<JsonNode> array(JsonNode n, String camel, String snake) {
        JsonNode v = field(n, camel, snake);
        if (v == null) {
            return java.util.List.of();
        }
        if (!v.isArray()) {
            throw new OtlpDecodeException(camel + " must be an array, got " + abbreviate(v));
        }
        return v.values();
    }

    /** A field by its JSON name or its proto name; null when absent or JSON null. */
    static JsonNode field(JsonNode n, String camel, String snake) {
        if (!n.isObject()) {
            throw new OtlpDecodeException("expected an object around '" + camel + "', got " + abbreviate(n));
        }
        JsonNode v = n.get(camel);
        if (v == null && !snake.equals(camel)) {
            v = n.get(snake);
        }
        return v == null || v.isNull() ? null : v;
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
