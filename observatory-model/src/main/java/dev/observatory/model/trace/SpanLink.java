package dev.observatory.model.trace;

import java.util.Map;

/** A link from a span to a span of another (or the same) trace. */
public record SpanLink(String traceId, String spanId, Map<String, Object> attributes) {

    public SpanLink {
        attributes = attributes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }
}
