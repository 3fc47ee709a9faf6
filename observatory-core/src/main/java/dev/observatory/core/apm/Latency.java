package dev.observatory.core.apm;

import java.util.List;

/** What {@link Apm#latency} answers: hot operations, critical paths and the contributors to a tail regression. */
public record Latency(ApmWindow window, Hotspots hotspots, List<CriticalPath> criticalPaths,
        List<PathShare> slowTracePath, Regression regression) {

    /**
     * Operations by self time (duration minus direct children) over every trace of the window.
     *
     * @param operations
     *            the top operations by total self time
     */
    public record Hotspots(long traces, List<OperationShare> operations) {
        public Hotspots {
            operations = List.copyOf(operations);
        }
    }

    /**
     * An operation's self time.
     *
     * @param selfMs
     *            total self time, milliseconds
     * @param share
     *            of the self time of every operation in scope (0..1)
     * @param selfPerTraceMs
     *            self time per trace in scope
     */
    public record OperationShare(String service, String operation, long spans, double selfMs, double share,
            double selfPerTraceMs, double maxSelfMs) {
    }

    /** The critical path of one trace: the spans its end waited on, with the time each contributed. */
    public record CriticalPath(String traceId, double durationMs, List<Step> steps) {
        public CriticalPath {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One span on a critical path.
     *
     * @param criticalMs
     *            the time of the trace's duration spent in this span itself (not in a child on the path)
     */
    public record Step(String spanId, String service, String operation, int depth, double durationMs,
            double criticalMs) {
    }

    /** An operation's share of the critical paths of the slowest traces, averaged per trace. */
    public record PathShare(String service, String operation, double criticalMsPerTrace, double share) {
    }

    /**
     * How the tail traces of the window differ from those of the baseline window.
     *
     * @param quantile
     *            the trace-duration quantile the tail starts at (e.g. 0.99)
     * @param baselineThresholdMs
     *            that quantile of trace durations in the baseline window
     * @param thresholdMs
     *            and in the window
     * @param contributors
     *            operations by growth of self time per tail trace, largest first
     */
    public record Regression(ApmWindow baseline, double quantile, long baselineTraces, long traces,
            double baselineThresholdMs, double thresholdMs, List<Contributor> contributors) {
        public Regression {
            contributors = List.copyOf(contributors);
        }
    }

    /** An operation's self time per tail trace in both windows. */
    public record Contributor(String service, String operation, double baselineMsPerTrace, double msPerTrace,
            double deltaMs) {
    }
}
