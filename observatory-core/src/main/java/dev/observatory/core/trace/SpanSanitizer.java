package dev.observatory.core.trace;

import static dev.observatory.core.trace.SpanLimits.MAX_ARRAY_ELEMENTS;
import static dev.observatory.core.trace.SpanLimits.MAX_ATTRIBUTES;
import static dev.observatory.core.trace.SpanLimits.MAX_KEY_CHARS;
import static dev.observatory.core.trace.SpanLimits.MAX_NAME_CHARS;
import static dev.observatory.core.trace.SpanLimits.MAX_VALUE_CHARS;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks one span (ids, times) and cuts it to the {@link SpanLimits}. Not thread-safe: one per ingest call (it counts
 * what it truncated and dropped).
 */
final class SpanSanitizer {

    int truncated;
    int dropped;

    /** The normalised span; IllegalArgumentException saying what is wrong when it must be rejected. */
    Span clean(Span s) {
        String traceId = id("trace id", s.traceId(), 32);
        String spanId = id("span id", s.spanId(), 16);
        String parent = parentId(s.parentSpanId());
        if (s.startNanos() <= 0) {
            throw new IllegalArgumentException("span " + spanId + ": start time missing");
        }
        if (s.endNanos() < s.startNanos()) {
            throw new IllegalArgumentException("span " + spanId + ": end time is before start time");
        }
        String service = s.service().isBlank() ? "unknown_service" : cut(s.service().strip(), MAX_KEY_CHARS);
        List<SpanEvent> events = new ArrayList<>();
        for (SpanEvent e : s.events()) {
            if (events.size() == SpanLimits.MAX_EVENTS) {
                dropped += s.events().size() - events.size();
                break;
            }
            events.add(new SpanEvent(cut(e.name(), MAX_NAME_CHARS), e.timeNanos(), attributes(e.attributes())));
        }
        List<SpanLink> links = new ArrayList<>();
        for (SpanLink l : s.links()) {
            if (links.size() == SpanLimits.MAX_LINKS) {
                dropped += s.links().size() - links.size();
                break;
            }
            links.add(new SpanLink(lower(l.traceId()), lower(l.spanId()), attributes(l.attributes())));
        }
        return new Span(traceId, spanId, parent, service, cut(s.name(), MAX_NAME_CHARS), s.kind(), s.startNanos(),
                s.endNanos(), s.status(), s.statusMessage() == null ? null : value(s.statusMessage()),
                attributes(s.attributes()), attributes(s.resource()), cut(s.scope(), MAX_NAME_CHARS),
                cut(s.scopeVersion(), MAX_KEY_CHARS), events, links);
    }

    private static String id(String what, String id, int length) {
        if (id == null || id.length() != length || !isHex(id)) {
            throw new IllegalArgumentException(what + " '" + shorten(id) + "' is not " + length + " hex characters");
        }
        if (allZero(id)) {
            throw new IllegalArgumentException(what + " is all zeros (invalid per the W3C trace context)");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static String parentId(String id) {
        if (id == null || id.isEmpty() || (id.length() == 16 && allZero(id))) {
            return null; // root span: OTLP sends an empty parent
        }
        return id("parent span id", id, 16);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(String s) {
        return s.chars().allMatch(c -> c == '0');
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private Map<String, Object> attributes(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                continue;
            }
            if (out.size() == MAX_ATTRIBUTES) {
                dropped++;
                continue;
            }
            out.put(cut(e.getKey(), MAX_KEY_CHARS), clean(e.getValue()));
        }
        return out;
    }

    private Object clean(Object v) {
        if (v instanceof String s) {
            return value(s);
        }
        if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(Math.min(list.size(), MAX_ARRAY_ELEMENTS));
            for (Object o : list) {
                if (out.size() == MAX_ARRAY_ELEMENTS) {
                    dropped++;
                    break;
                }
                out.add(o == null ? null : clean(o));
            }
            return out;
        }
        return value(String.valueOf(v)); // maps, bytes: kept as text
    }

    private String value(String s) {
        if (s.length() <= MAX_VALUE_CHARS) {
            return s;
        }
        truncated++;
        int removed = s.length() - MAX_VALUE_CHARS;
        return s.substring(0, MAX_VALUE_CHARS) + "...[truncated " + removed + " chars]";
    }
}
