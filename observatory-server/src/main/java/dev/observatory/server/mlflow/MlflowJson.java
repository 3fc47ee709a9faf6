package dev.observatory.server.mlflow;

import java.io.InputStream;
import java.io.OutputStream;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as MLflow's clients write and read it (protobuf's JSON mapping): int64 fields may arrive as numbers or strings,
 * doubles as numbers or the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. Responses write int64 as
 * numbers and non-finite doubles as those strings.
 */
final class MlflowJson {
    static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();
    static final JsonMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private MlflowJson() {
    }

    static JsonGenerator generator(OutputStream out) {
        return FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonNode readObject(InputStream in) {
        JsonNode node;
        try {
            node = MAPPER.readTree(in);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw new MlflowException("MALFORMED_REQUEST", 400, "the request body must be a JSON object");
        }
        return node;
    }

    /** The error for a body that could not be read: too large (413) or not JSON (400). */
    static MlflowException malformed(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("PayloadTooLargeException")) {
                return new MlflowException("REQUEST_LIMIT_EXCEEDED", 413, t.getMessage());
            }
        }
        return new MlflowException("MALFORMED_REQUEST", 400,
                "the request body is not valid JSON (UTF-8): " + firstLine(e.getMessage()));
    }

    /** Refuses content after the root value, as the tree reading does. */
    static void requireEnd(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new MlflowException("MALFORMED_REQUEST", 400, "the request body is not valid JSON (UTF-8): "
                    + "Trailing token (of type " + t + ") found after value");
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A double field: a number, or one of the strings NaN, Infinity, -Infinity (or a numeric string). */
    static double toDouble(JsonNode v, String field) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isString()) {
            String s = v.stringValue().trim();
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity", "+Infinity", "inf":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        // reported below
                    }
            }
        }
        throw MlflowException
                .invalid("Invalid value " + v + " for parameter '" + field + "' supplied: expected a number");
    }

    /** An int64 field: a JSON integer or a string of one (protobuf writes int64 as strings). */
    static long toLong(JsonNode v, String field) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.stringValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw MlflowException
                .invalid("Invalid value " + v + " for parameter '" + field + "' supplied: expected an integer");
    }

    /** Writes a double as protobuf's JSON mapping does: non-finite values as strings. */
    static void number(JsonGenerator g, double v) {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }
}
