package dev.observatory.store.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON text of a span's attribute map written by hand, byte for byte what {@link SpanJson}'s Jackson mapper writes
 * (same escapes: {@code \b \t \n \f \r \" \\}, other control characters as upper-case {@code \}{@code u00XX}, nothing
 * else escaped; numbers as {@link Long#toString} and {@link Double#toString}), for the value types of the span model:
 * strings, Long, finite Double, Boolean and lists of those (nulls in lists). Anything else answers null and the caller
 * falls back to Jackson. Skips Jackson's per-call generator and serializer lookup on the ingest path (decision 0037).
 */
final class SpanJsonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Most keys {@link #KEYS} remembers (keys come from spans: any text), and the longest it remembers. */
    static final int MAX_KEYS = 4096;
    static final int MAX_KEY_CHARS = 256;
    /** Attribute keys and their JSON text ({@code "key":}), filled until {@link #MAX_KEYS}; never emptied. */
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private SpanJsonText() {
    }

    /** The map as a JSON object, or null when a value is of a type this writer leaves to Jackson. */
    static String object(Map<String, Object> map) {
        StringBuilder b = new StringBuilder(32 + map.size() * 32);
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey() == null) {
                return null;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            key(e.getKey(), b);
            if (!value(e.getValue(), b)) {
                return null;
            }
        }
        return b.append('}').toString();
    }

    /**
     * The key quoted and followed by ':', from {@link #KEYS} when seen before: keys repeat from span to span and are
     * most of the text, and a map's keys have their hash computed already (decision 0045).
     */
    private static void key(String key, StringBuilder b) {
        String text = KEYS.get(key);
        if (text == null) {
            StringBuilder t = new StringBuilder(key.length() + 3);
            quote(key, t);
            text = t.append(':').toString();
            if (key.length() <= MAX_KEY_CHARS && KEYS.size() < MAX_KEYS) {
                KEYS.putIfAbsent(key, text);
            }
        }
        b.append(text);
    }

    private static boolean value(Object v, StringBuilder b) {
        switch (v) {
            case String s -> quote(s, b);
            case Long l -> b.append(l.longValue());
            case Boolean x -> b.append(x.booleanValue());
            case Double d -> {
                if (!Double.isFinite(d)) {
                    return false;
                }
                b.append(Double.toString(d));
            }
            case List<?> list -> {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    Object o = list.get(i);
                    if (o == null) {
                        b.append("null");
                    } else if (!value(o, b)) {
                        return false;
                    }
                }
                b.append(']');
            }
            case null, default -> {
                return false;
            }
        }
        return true;
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        b.append(s, from, s.length()).append('"');
    }
}
