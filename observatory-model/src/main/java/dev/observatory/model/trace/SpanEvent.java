package dev.observatory.model.trace;

import java.util.Map;

/** A timestamped event inside a span (e.g. an exception with {@code exception.type}/{@code exception.message}). */
public record SpanEvent(String name, long timeNanos, Map<String, Object> attributes) {

    public SpanEvent {
        attributes = attributes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }
}
