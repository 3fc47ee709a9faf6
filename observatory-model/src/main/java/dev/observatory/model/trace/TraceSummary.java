package dev.observatory.model.trace;

import java.util.List;

/**
 * One row of a trace list.
 *
 * @param rootName
 *            name of the root span (the earliest span when the root has not arrived)
 * @param service
 *            service of that span
 * @param startNanos
 *            earliest span start
 * @param durationNanos
 *            latest span end minus earliest start
 * @param models
 *            distinct models called in the trace, sorted
 * @param totalTokens
 *            input plus output tokens of its spans
 * @param costUsd
 *            sum of the known span costs (null when none is known)
 */
public record TraceSummary(String traceId, String rootName, String service, long startNanos, long durationNanos,
        int spanCount, int errorCount, List<String> models, long totalTokens, Double costUsd) {

    public TraceSummary {
        models = List.copyOf(models);
    }
}
