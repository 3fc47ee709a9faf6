package dev.observatory.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A small method + path-pattern router. Patterns are literal segments and {@code {name}} placeholders that match one
 * percent-decoded segment (so {@code train%2Floss} matches a placeholder as {@code train/loss}). The first route
 * registered wins; a path that matches only with another method gives 405 with the allowed methods.
 */
final class Router {
    /** Request attribute holding the matched route pattern, for metrics. */
    static final String ROUTE_ATTRIBUTE = "observatory.route";

    /** Handles one request. */
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws IOException;
    }

    /** A registered route. */
    record Route(String method, String pattern, List<String> parts, Handler handler) {
    }

    /** The route that matched and its decoded placeholders, or the methods allowed when only the path matched. */
    record Match(Route route, Map<String, String> params, List<String> allowedMethods) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, Handler handler) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a route pattern starts with '/': " + pattern);
        }
        routes.add(new Route(method, pattern, List.of(pattern.substring(1).split("/")), handler));
        return this;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Matches a raw (still percent-encoded) request path; 404 HttpError when no pattern fits. */
    Match match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = bind(r.parts(), segments);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method) || method.equals("HEAD") && r.method().equals("GET")) {
                return new Match(r, params, List.of());
            }
            allowed.add(r.method());
        }
        if (!allowed.isEmpty()) {
            return new Match(null, Map.of(), List.copyOf(allowed));
        }
        throw HttpError.notFound("no endpoint " + method + " " + rawPath + ": see /api/v1/openapi.json for the API");
    }

    private static Map<String, String> bind(List<String> parts, List<String> segments) {
        boolean rest = parts.get(parts.size() - 1).endsWith("...}");
        if (rest ? segments.size() < parts.size() : parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.endsWith("...}") && i == parts.size() - 1) {
                // a trailing {name...} takes every remaining segment (at least one), joined by '/'
                return bindRest(parts, segments, params == null ? new LinkedHashMap<>() : params);
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (segments.get(i).isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>();
                }
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static Map<String, String> bindRest(List<String> parts, List<String> segments, Map<String, String> params) {
        String p = parts.get(parts.size() - 1);
        List<String> rest = segments.subList(parts.size() - 1, segments.size());
        if (rest.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        params.put(p.substring(1, p.length() - 4), String.join("/", rest));
        return params;
    }

    /** Splits a raw path into percent-decoded segments; one trailing slash is ignored. */
    static List<String> segments(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String s : p.split("/", -1)) {
            out.add(percentDecode(s));
        }
        return out;
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    throw HttpError.badRequest("malformed percent-encoding in path segment '" + s + "'");
                }
                out.write(hi << 4 | lo);
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
