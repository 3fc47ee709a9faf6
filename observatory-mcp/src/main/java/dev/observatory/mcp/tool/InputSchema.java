package dev.observatory.mcp.tool;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arguments of one tool: renders the JSON Schema ({@code additionalProperties: false}) and validates calls against
 * it. This is the one place where tool arguments are checked; every failure is an {@link ArgumentException} naming the
 * argument and showing a valid value.
 */
public final class InputSchema {
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    public InputSchema(List<Param> params) {
        for (Param p : params) {
            if (this.params.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate argument " + p.name());
            }
            if (p.pattern() != null) {
                patterns.put(p.name(), Pattern.compile(p.pattern()));
            }
        }
    }

    public static InputSchema of(Param... params) {
        return new InputSchema(List.of(params));
    }

    public List<Param> params() {
        return List.copyOf(params.values());
    }

    /** The JSON Schema of the arguments object. */
    public Map<String, Object> jsonSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        params.values().forEach(p -> {
            props.put(p.name(), p.jsonSchema());
            if (p.mandatory()) {
                required.add(p.name());
            }
        });
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", props);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }

    /** Checks the arguments (null means none) and returns them typed, with defaults filled in. */
    public Args validate(Map<String, Object> raw) {
        Map<String, Object> in = raw == null ? Map.of() : raw;
        for (String key : in.keySet()) {
            if (!params.containsKey(key)) {
                throw new ArgumentException(
                        "unknown argument '" + key + "': " + (params.isEmpty() ? "this tool takes no arguments"
                                : "valid arguments are " + String.join(", ", params.keySet())));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : params.values()) {
            Object v = in.get(p.name());
            if (v == null) {
                if (p.mandatory()) {
                    throw new ArgumentException("missing required argument '" + p.name() + "' (" + typeName(p) + "): "
                            + p.description() + " Send e.g. {\"" + p.name() + "\": " + p.example() + "}");
                }
                if (p.defaultValue() != null) {
                    out.put(p.name(), p.defaultValue() instanceof Integer i ? Long.valueOf(i) : p.defaultValue());
                }
                continue;
            }
            out.put(p.name(), check(p, v));
        }
        return new Args(out);
    }

    private Object check(Param p, Object v) {
        return switch (p.type()) {
            case STRING -> checkString(p, v, "argument '" + p.name() + "'");
            case INTEGER -> checkRange(p, integer(p, v));
            case NUMBER -> checkRange(p, number(p, v));
            case BOOLEAN -> {
                if (!(v instanceof Boolean b)) {
                    throw wrongType(p, v);
                }
                yield b;
            }
            case STRING_ARRAY -> checkArray(p, v);
            case SCALAR_MAP -> checkMap(p, v);
        };
    }

    private String checkString(Param p, Object v, String what) {
        if (!(v instanceof String s)) {
            throw p.type() == Param.Type.STRING ? wrongType(p, v)
                    : new ArgumentException(what + " must be a string, got " + describe(v));
        }
        if (p.type() == Param.Type.STRING) {
            if (p.min() != null && s.length() < p.min().intValue()) {
                throw new ArgumentException(what + " must not be empty");
            }
            if (p.max() != null && s.length() > p.max().intValue()) {
                throw new ArgumentException(what + " may be at most " + p.max() + " characters, got " + s.length());
            }
        }
        if (!p.enumValues().isEmpty()) {
            String match = p.enumValues().stream().filter(e -> e.equalsIgnoreCase(s)).findFirst()
                    .orElseThrow(() -> new ArgumentException(
                            what + " must be one of " + String.join(", ", p.enumValues()) + ", got " + quote(s)));
            return match;
        }
        Pattern pat = patterns.get(p.name());
        if (pat != null && !pat.matcher(s).matches()) {
            throw new ArgumentException(what + " has an invalid value " + quote(s) + ": " + p.description());
        }
        return s;
    }

    private List<String> checkArray(Param p, Object v) {
        if (!(v instanceof List<?> list)) {
            throw wrongType(p, v);
        }
        if (p.min() != null && list.size() < p.min().intValue()) {
            throw new ArgumentException("argument '" + p.name() + "' needs at least " + p.min() + " item(s): "
                    + p.description() + " Send e.g. {\"" + p.name() + "\": " + p.example() + "}");
        }
        if (p.max() != null && list.size() > p.max().intValue()) {
            throw new ArgumentException(
                    "argument '" + p.name() + "' may have at most " + p.max() + " items, got " + list.size());
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(checkString(p, list.get(i), "item " + i + " of argument '" + p.name() + "'"));
        }
        return List.copyOf(out);
    }

    private static Map<String, String> checkMap(Param p, Object v) {
        if (!(v instanceof Map<?, ?> map)) {
            throw wrongType(p, v);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : map.entrySet()) {
            Object x = e.getValue();
            if (!(x instanceof String || x instanceof Number || x instanceof Boolean)) {
                throw new ArgumentException("argument '" + p.name() + "' maps names to strings, numbers or booleans;"
                        + " the value of " + quote(String.valueOf(e.getKey())) + " is " + describe(x));
            }
            out.put(String.valueOf(e.getKey()),
                    x instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                            : String.valueOf(x));
        }
        return out;
    }

    private static Long integer(Param p, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 63) {
            return b.longValue();
        }
        if (v instanceof Number n && !(v instanceof BigInteger)) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return d.longValue();
            }
        }
        throw wrongType(p, v);
    }

    private static Double number(Param p, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(p, v);
    }

    private static <T extends Number> T checkRange(Param p, T n) {
        double d = n.doubleValue();
        boolean low = p.min() != null && d < p.min().doubleValue();
        boolean high = p.max() != null && d > p.max().doubleValue();
        if (low || high) {
            String range = p.min() != null && p.max() != null ? "between " + p.min() + " and " + p.max()
                    : p.min() != null ? "at least " + p.min() : "at most " + p.max();
            throw new ArgumentException("argument '" + p.name() + "' must be " + range + ", got " + n);
        }
        return n;
    }

    private static ArgumentException wrongType(Param p, Object v) {
        return new ArgumentException("argument '" + p.name() + "' must be " + typeName(p) + ", got " + describe(v)
                + ". Send e.g. {\"" + p.name() + "\": " + p.example() + "}");
    }

    static String typeName(Param p) {
        return switch (p.type()) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING_ARRAY -> "an array of strings";
            case SCALAR_MAP -> "an object of names to values";
        };
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String kind = v instanceof String ? "the string"
                : v instanceof Boolean ? "the boolean"
                        : v instanceof Number ? "the number"
                                : v instanceof List<?> ? "an array"
                                        : v instanceof Map<?, ?> ? "an object"
                                                : v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            return kind;
        }
        return kind + " " + (v instanceof String s ? quote(s) : String.valueOf(v));
    }

    static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
