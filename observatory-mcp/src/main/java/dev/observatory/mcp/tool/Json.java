package dev.observatory.mcp.tool;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/** JSON text and value conventions of tool outputs. */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private Json() {
    }

    /** Compact JSON text of maps, lists, strings, numbers and booleans. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * A metric value as JSON: the number itself, or the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}
     * for non-finite values (JSON has no literal for them).
     */
    public static Object num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v;
    }

    /** Like {@link #num} but rounded to 6 significant digits, for chart points shown to a model. */
    public static Object num6(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return num(v);
        }
        return new BigDecimal(v).round(SIX_DIGITS).doubleValue();
    }

    /** ISO-8601 text of an instant, or null. */
    public static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
