package dev.observatory.server.otlp;

import dev.observatory.model.trace.AttributeMaps;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP {@code AnyValue}s as the model's attribute values: strings, Long, Double, Boolean and lists of those keep their
 * type; a key/value list, bytes, or an array nested in an array become a JSON string (bytes as a base64 JSON string),
 * so nothing sent is lost. A value with nothing set (OTLP's empty value) is kept as an empty string.
 */
final class AttributeValues {
    private AttributeValues() {
    }

    /**
     * The attributes in order; a key sent twice keeps its last value (the OTLP data model forbids duplicates). The map
     * is {@link AttributeMaps#adopt adopted}: the span, event or link built from it keeps it without a copy.
     */
    static Map<String, Object> toMap(List<KeyValue> attributes) {
        if (attributes.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(attributes.size() * 2);
        for (KeyValue kv : attributes) {
            out.put(kv.getKey(), value(kv.getValue()));
        }
        return AttributeMaps.adopt(out);
    }

    static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case ARRAY_VALUE -> array(v.getArrayValue().getValuesList());
            case KVLIST_VALUE, BYTES_VALUE -> json(v);
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
        };
    }

    private static List<Object> array(List<AnyValue> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (AnyValue e : values) {
            boolean scalar = switch (e.getValueCase()) {
                case STRING_VALUE, BOOL_VALUE, INT_VALUE, DOUBLE_VALUE -> true;
                default -> false;
            };
            out.add(scalar ? value(e) : json(e));
        }
        return out;
    }

    /** The value in JSON: objects for key/value lists, base64 strings for bytes. */
    static String json(AnyValue v) {
        StringBuilder sb = new StringBuilder();
        writeJson(v, sb);
        return sb.toString();
    }

    private static void writeJson(AnyValue v, StringBuilder sb) {
        switch (v.getValueCase()) {
            case STRING_VALUE -> quote(v.getStringValue(), sb);
            case BOOL_VALUE -> sb.append(v.getBoolValue());
            case INT_VALUE -> sb.append(v.getIntValue());
            case DOUBLE_VALUE -> {
                double d = v.getDoubleValue();
                if (Double.isFinite(d)) {
                    sb.append(d);
                } else {
                    quote(Double.toString(d), sb);
                }
            }
            case BYTES_VALUE -> quote(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()), sb);
            case ARRAY_VALUE -> {
                sb.append('[');
                List<AnyValue> values = v.getArrayValue().getValuesList();
                for (int i = 0; i < values.size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    writeJson(values.get(i), sb);
                }
                sb.append(']');
            }
            case KVLIST_VALUE -> {
                sb.append('{');
                List<KeyValue> values = v.getKvlistValue().getValuesList();
                for (int i = 0; i < values.size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    quote(values.get(i).getKey(), sb);
                    sb.append(':');
                    writeJson(values.get(i).getValue(), sb);
                }
                sb.append('}');
            }
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> sb.append("null");
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
