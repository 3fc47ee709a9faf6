package dev.observatory.model.trace;

import java.util.Map;

/** A timestamped event inside a span (e.g. an exception with {@code exception.type}/{@code exception.message}). */
public record SpanEvent(String name, long timeNanos, Map<String, Object> attributes) {

    public SpanEvent {
        attributes = AttributeMaps.copyOf(attributes); // copied once: not again when made by AttributeMaps
    }
}
