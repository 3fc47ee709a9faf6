package dev.observatory.core.analysis;

import dev.observatory.analysis.logs.LogCluster;
import java.util.List;

/**
 * What went wrong with a run, in order.
 *
 * @param probableCause
 *            the most severe problem in one sentence, or "no problem found"
 * @param timeline
 *            critical moments of the primary metric and first OOM/NaN log lines, by step or log line
 */
public record Diagnosis(RunRef run, String health, String probableCause, List<Bottleneck> problems,
        List<Event> timeline, List<LogCluster> logClusters, List<Recommendation> recommendations,
        NextExperiment nextExperiment) {

    /**
     * One event.
     *
     * @param step
     *            metric step, null for a log event
     * @param logLine
     *            log line (sequence number), null for a metric event
     * @param kind
     *            breakthrough, drop, plateau, divergence, oom, nan_log
     */
    public record Event(Long step, Long logLine, String kind, String description) {
    }
}
