package dev.observatory.client.apm;

import java.time.Instant;
import java.util.Map;

/**
 * One traced call (a model call or any timed operation), with the fields of the {@code traces} table of
 * {@code schema/postgres.sql}. Signals beyond these columns ({@code observatory.*} reliability attributes,
 * {@code gen_ai.*} names) are in {@link #attributes()}.
 *
 * @param traceId
 *            32 lowercase hex characters
 * @param spanId
 *            16 lowercase hex characters
 * @param parentSpanId
 *            the enclosing call's span id, or null
 * @param model
 *            the model asked, or null for a call that is not a model call
 * @param toolName
 *            the tool or operation name, or null
 * @param promptTokens
 *            input tokens: as reported, else estimated (see {@link #tokensEstimated()})
 * @param costUsd
 *            from the price table or given by the caller; null when the model has no price (never guessed)
 * @param error
 *            the failure's type (e.g. the exception class), or null when the call succeeded
 */
public record TraceContext(String traceId, String spanId, String parentSpanId, String service, String model,
        String toolName, Instant startTime, Instant endTime, long promptTokens, long completionTokens,
        boolean tokensEstimated, Double costUsd, int retries, boolean fallbackUsed, Double confidence, String error,
        Map<String, Object> attributes) {

    public TraceContext {
        attributes = attributes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** Duration in nanoseconds. */
    public long durationNanos() {
        return java.time.Duration.between(startTime, endTime).toNanos();
    }

    /** The span name: {@code chat <model>} for model calls, else the tool name. */
    public String spanName() {
        return model != null ? "chat " + model : toolName == null ? "call" : toolName;
    }
}
