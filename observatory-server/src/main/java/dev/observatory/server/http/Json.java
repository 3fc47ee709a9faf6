package dev.observatory.server.http;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON conventions of the REST API in one place. Field names are snake_case (written by hand in {@link Wire}),
 * timestamps ISO-8601 UTC, and non-finite doubles travel as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}. Requests may also carry them as bare tokens ({@code NaN}, as Python's {@code json.dumps} writes
 * them).
 */
final class Json {
    static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();
    static final JsonMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private Json() {
    }

    static JsonGenerator generator(OutputStream out) {
        return FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    }

    static JsonParser parser(java.io.InputStream in) {
        return FACTORY.createParser(ObjectReadContext.empty(), in);
    }

    /** Writes a double; NaN and infinities as strings. */
    static void number(JsonGenerator g, double v) {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString(nonFinite(v));
        }
    }

    static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    /** Parses "NaN", "Infinity", "+Infinity", "-Infinity" (case-sensitive); null when the text is none of them. */
    static Double parseNonFinite(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    static String instant(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    static void instant(JsonGenerator g, String name, Instant t) {
        g.writeName(name);
        if (t == null) {
            g.writeNull();
        } else {
            g.writeString(instant(t));
        }
    }

    static void epochMillis(JsonGenerator g, long ms) {
        g.writeString(instant(Instant.ofEpochMilli(ms)));
    }

    static void stringOrNull(JsonGenerator g, String name, String value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** Writes a nested value of run params or similar: maps, lists, strings, numbers, booleans, null. */
    static void value(JsonGenerator g, Object v) {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> number(g, d);
            case Float f -> number(g, f);
            case BigDecimal d -> g.writeNumber(d);
            case BigInteger i -> g.writeNumber(i);
            case Number n -> number(g, n.doubleValue());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (var e : m.entrySet()) {
                    g.writeName(String.valueOf(e.getKey()));
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    value(g, o);
                }
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }
}
