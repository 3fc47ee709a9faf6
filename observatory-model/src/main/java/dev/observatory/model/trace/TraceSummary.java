package dev.observatory.model.trace;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * The summary of a trace's spans (at least one): the root is the parentless span that starts first (ties: the
     * smaller span id), or the first span by the same order when the root has not arrived.
     */
    public static TraceSummary of(String traceId, Collection<TracedSpan> spans) {
        TracedSpan root = null;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int errors = 0;
        long tokens = 0;
        Double cost = null;
        Set<String> models = new TreeSet<>();
        for (TracedSpan s : spans) {
            if (root == null || rootsBefore(s, root)) {
                root = s;
            }
            start = Math.min(start, s.span().startNanos());
            end = Math.max(end, s.span().endNanos());
            errors += s.span().status() == SpanStatus.ERROR ? 1 : 0;
            Long t = s.facts().totalTokens();
            tokens += t == null ? 0 : t;
            if (s.facts().costUsd() != null) {
                cost = (cost == null ? 0 : cost) + s.facts().costUsd();
            }
            if (s.facts().model() != null) {
                models.add(s.facts().model());
            }
        }
        return new TraceSummary(traceId, root.span().name(), root.span().service(), start, end - start, spans.size(),
                errors, List.copyOf(models), tokens, cost);
    }

    private static boolean rootsBefore(TracedSpan a, TracedSpan b) {
        boolean aRoot = a.span().isRoot();
        if (aRoot != b.span().isRoot()) {
            return aRoot;
        }
        int byStart = Long.compare(a.span().startNanos(), b.span().startNanos());
        return byStart != 0 ? byStart < 0 : a.span().spanId().compareTo(b.span().spanId()) < 0;
    }
}
