package dev.observatory.core.analysis;

import java.util.Map;

/** Finds a run param by dotted path ({@code optimizer.lr}) or by its leaf name anywhere in the nested params. */
final class ParamLookup {
    private ParamLookup() {
    }

    /** The value, or null. The path of the value found is returned by {@link #path}. */
    static Object find(Map<String, Object> params, String name) {
        String p = path(params, name, "");
        return p == null ? null : at(params, p);
    }

    /** Dotted path of the first param matching the name (breadth-first: top level first), or null. */
    static String path(Map<String, Object> params, String name, String prefix) {
        if (name.contains(".")) {
            return at(params, name) != null ? name : null;
        }
        if (params.containsKey(name) && !(params.get(name) instanceof Map<?, ?>)) {
            return prefix + name;
        }
        for (var e : params.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                String p = path((Map<String, Object>) m, name, prefix + e.getKey() + ".");
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> params, String dotted) {
        Object cur = params;
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return null;
            }
            cur = ((Map<String, Object>) m).get(part);
        }
        return cur instanceof Map<?, ?> ? null : cur;
    }
}
