package dev.observatory.server.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flattens nested run params into dotted paths ({@code optimizer.lr}) and compares their values for sorting. */
final class Params {
    private Params() {
    }

    /** Leaf paths in key order; lists become their compact text ({@code [0.9, 0.999]}), scalars stay as they are. */
    static Map<String, Object> flatten(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", params, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                flatten(path, (Map<String, Object>) m, out);
            } else if (v instanceof List<?> l) {
                out.put(path, l.toString());
            } else if (v instanceof Map<?, ?>) {
                out.put(path, "{}");
            } else {
                out.put(path, v);
            }
        }
    }

    /** The value as text the way a filter compares it ({@code 1.0E-4} and {@code 0.0001} differ: numbers as given). */
    static String text(Object v) {
        return v == null ? "null" : String.valueOf(v);
    }

    /** Orders numbers numerically before booleans before text; callers put missing values last. */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return String.valueOf(a).compareToIgnoreCase(String.valueOf(b));
    }

    private static int rank(Object v) {
        return v instanceof Number ? 0 : v instanceof Boolean ? 1 : 2;
    }
}
