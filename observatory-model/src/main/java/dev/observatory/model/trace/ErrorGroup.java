package dev.observatory.model.trace;

import java.util.List;

/**
 * Failed spans sharing an error signature: service, span name and error type.
 *
 * @param message
 *            one of their status messages (null when none has one)
 * @param lastSeenNanos
 *            latest start among them
 * @param traceIds
 *            a few of their traces, most recent first
 */
public record ErrorGroup(String service, String name, String errorType, String message, long count, long lastSeenNanos,
        List<String> traceIds) {

    public ErrorGroup {
        traceIds = List.copyOf(traceIds);
    }
}
