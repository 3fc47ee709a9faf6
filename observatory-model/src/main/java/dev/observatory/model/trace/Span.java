package dev.observatory.model.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One span as received (OTLP) or recorded (Observatory's own tool calls), normalised.
 *
 * @param traceId
 *            32 lowercase hex characters, not all zero
 * @param spanId
 *            16 lowercase hex characters, not all zero
 * @param parentSpanId
 *            16 lowercase hex characters, or null for a root span
 * @param service
 *            the resource's {@code service.name} ("unknown_service" when absent, as the OTel SDKs do)
 * @param startNanos
 *            start, epoch nanoseconds
 * @param endNanos
 *            end, epoch nanoseconds, {@code >= startNanos}
 * @param attributes
 *            span attributes; values are String, Long, Double, Boolean or List of those (OTLP arrays); insertion order
 *            kept
 * @param resource
 *            resource attributes, same value types
 * @param scope
 *            instrumentation scope name ("" when absent)
 */
public record Span(String traceId, String spanId, String parentSpanId, String service, String name, SpanKind kind,
        long startNanos, long endNanos, SpanStatus status, String statusMessage, Map<String, Object> attributes,
        Map<String, Object> resource, String scope, String scopeVersion, List<SpanEvent> events, List<SpanLink> links) {

    public Span {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        attributes = AttributeMaps.copyOf(attributes); // copied once: not again when made by AttributeMaps
        resource = AttributeMaps.copyOf(resource);
        scope = scope == null ? "" : scope;
        scopeVersion = scopeVersion == null ? "" : scopeVersion;
        events = events == null ? List.of() : List.copyOf(events);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** Duration in nanoseconds. */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    public boolean isRoot() {
        return parentSpanId == null;
    }
}
