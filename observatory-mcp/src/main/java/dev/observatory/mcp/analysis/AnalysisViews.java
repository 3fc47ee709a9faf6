package dev.observatory.mcp.analysis;

import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the analysis records look in tool answers: record components become snake_case fields in declaration order, null
 * fields are left out, enums are lower-case, NaN and infinities become "NaN" / "Infinity" / "-Infinity", and doubles
 * are rounded to 6 significant digits (fewer tokens, no false precision).
 */
final class AnalysisViews {
    private AnalysisViews() {
    }

    /** A record as a JSON object. */
    static Obj of(Record r) {
        return (Obj) value(r);
    }

    static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v;
        }
        if (v instanceof Double d) {
            return Json.num6(d);
        }
        if (v instanceof Float f) {
            return Json.num6(f);
        }
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof double[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (double x : a) {
                out.add(Json.num6(x));
            }
            return out;
        }
        if (v instanceof long[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (long x : a) {
                out.add(x);
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(value(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Obj o = Obj.of();
            m.forEach((k, x) -> o.with(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof Record r) {
            Obj o = Obj.of();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    o.with(snake(c.getName()), value(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
                }
            }
            return o;
        }
        return String.valueOf(v);
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
