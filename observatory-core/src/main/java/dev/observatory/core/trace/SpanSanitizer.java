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
import java.util.Objects;

/**
 * Checks one span (ids, times) and cuts it to the {@link SpanLimits}. Not thread-safe: one per ingest call (it counts
 * what it truncated and dropped).
 */
final class SpanSanitizer {

    int truncated;
    int dropped;

    /**
     * The normalised span; IllegalArgumentException saying what is wrong when it must be rejected. A span that is
     * already within the limits and normalised (what the OTLP receiver and the SDKs send) is returned as it is, without
     * copying its maps (decision 0037).
     */
    Span clean(Span s) {
        if (alreadyClean(s, s.traceId() == cleanTraceId, s.resource() == cleanResource)) {
            cleanTraceId = s.traceId();
            cleanResource = s.resource();
            return s;
        }
        return copy(s);
    }

    /**
     * The trace id and resource map of the last span found clean: the spans the OTLP receiver converts share them with
     * the span before (one string per trace, one unmodifiable map per resource, see AttributeMaps), checked once
     * (decision 0045).
     */
    private String cleanTraceId;
    private Map<String, Object> cleanResource;

    /** Whether {@link #copy} would return a span equal to {@code s} (and count nothing). */
    static boolean alreadyClean(Span s) {
        return alreadyClean(s, false, false);
    }

    /** {@link #alreadyClean(Span)}, the trace id's and the resource's checks skipped when they are known clean. */
    private static boolean alreadyClean(Span s, boolean traceIdClean, boolean resourceClean) {
        String parent = s.parentSpanId();
        return (traceIdClean || lowerHexId(s.traceId(), 32)) && lowerHexId(s.spanId(), 16)
                && (parent == null || lowerHexId(parent, 16)) && s.startNanos() > 0 && s.endNanos() >= s.startNanos()
                && !s.service().isBlank() && s.service().length() <= MAX_KEY_CHARS
                && s.service().strip().equals(s.service()) && s.name().length() <= MAX_NAME_CHARS
                && (s.statusMessage() == null || s.statusMessage().length() <= MAX_VALUE_CHARS)
                && s.scope().length() <= MAX_NAME_CHARS && s.scopeVersion().length() <= MAX_KEY_CHARS
                && cleanMap(s.attributes()) && (resourceClean || cleanMap(s.resource())) && cleanEvents(s.events())
                && cleanLinks(s.links());
    }

    private static boolean lowerHexId(String id, int length) {
        if (id.length() != length) {
            return false;
        }
        boolean zero = true;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            zero &= c == '0';
        }
        return !zero;
    }

    private static boolean cleanEvents(List<SpanEvent> events) {
        if (events.size() > SpanLimits.MAX_EVENTS) {
            return false;
        }
        for (SpanEvent e : events) {
            if (e.name().length() > MAX_NAME_CHARS || !cleanMap(e.attributes())) {
                return false;
            }
        }
        return true;
    }

    private static boolean cleanLinks(List<SpanLink> links) {
        if (links.size() > SpanLimits.MAX_LINKS) {
            return false;
        }
        for (SpanLink l : links) {
            if (!Objects.equals(l.traceId(), lower(l.traceId())) || !Objects.equals(l.spanId(), lower(l.spanId()))
                    || !cleanMap(l.attributes())) {
                return false;
            }
        }
        return true;
    }

    private static boolean cleanMap(Map<String, Object> map) {
        if (map.size() > MAX_ATTRIBUTES) {
            return false;
        }
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS || !cleanValue(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean cleanValue(Object v) {
        return switch (v) {
            case null -> false;
            case String s -> s.length() <= MAX_VALUE_CHARS;
            case Long l -> true;
            case Double d -> true;
            case Boolean b -> true;
            case List<?> list -> cleanList(list);
            default -> false;
        };
    }

    private static boolean cleanList(List<?> list) {
        if (list.size() > MAX_ARRAY_ELEMENTS) {
            return false;
        }
        for (Object o : list) {
            if (o != null && !cleanValue(o)) {
                return false;
            }
        }
        return true;
    }

    /** The span cut to the limits, ids in lower case: a copy. */
    private Span copy(Span s) {
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
