package dev.observatory.model.trace;

import java.util.Map;

/** A link from a span to a span of another (or the same) trace. */
public record SpanLink(String traceId, String spanId, Map<String, Object> attributes) {

    public SpanLink {
        attributes = AttributeMaps.copyOf(attributes); // copied once: not again when made by AttributeMaps
    }
}
