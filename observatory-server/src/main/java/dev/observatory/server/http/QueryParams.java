package dev.observatory.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query string parameters, parsed from the raw query string (never from a form body, so that a JSON POST sent with a
 * form content type is not consumed). Empty values count as absent. Conversion errors are 400s naming the parameter.
 */
final class QueryParams {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    QueryParams(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!value.isEmpty()) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("malformed percent-encoding in the query string near '" + s + "'");
        }
    }

    /** Rejects parameters this route does not know (a typo must not silently drop a filter). */
    void expect(Set<String> names, String... prefixes) {
        for (String n : values.keySet()) {
            if (names.contains(n)) {
                continue;
            }
            boolean prefixed = false;
            for (String p : prefixes) {
                prefixed |= n.startsWith(p) && n.length() > p.length();
            }
            if (!prefixed) {
                throw HttpError.badRequest("unknown query parameter '" + n + "': this endpoint accepts "
                        + String.join(", ", names.stream().sorted().toList())
                        + (prefixes.length > 0 ? ", " + String.join("<name>, ", prefixes) + "<name>" : ""));
            }
        }
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Every value of a repeatable, comma-separable parameter. */
    List<String> csv(String name) {
        List<String> out = new ArrayList<>();
        for (String v : all(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Parameters named {@code prefix + x}, as x -> value. */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v.get(0));
            }
        });
        return out;
    }

    int intValue(String name, int defaultValue, int min, int max) {
        Long v = longValue(name);
        if (v == null) {
            return defaultValue;
        }
        if (v < min || v > max) {
            throw HttpError.badRequest(name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v.intValue();
    }

    Long longValue(String name) {
        String s = get(name);
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be a whole number, got '" + s + "'");
        }
    }

    boolean bool(String name, boolean defaultValue) {
        String s = get(name);
        if (s == null) {
            return defaultValue;
        }
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw HttpError.badRequest(name + " must be true or false, got '" + s + "'");
        };
    }
}
