package dev.observatory.core.apm;

/**
 * What {@link Apm#latency} looks at.
 *
 * @param service
 *            only this service's operations (hotspots, regression) and traces (slowest); null for all
 * @param operation
 *            only this operation (span name); null for all
 * @param traceId
 *            the trace whose critical path to show; null: the slowest traces of the window
 * @param slowTraces
 *            how many of the slowest traces the critical-path breakdown covers (1..20)
 * @param baseline
 *            the window the regression compares with; null: the previous window of the same length
 * @param quantile
 *            the trace-duration quantile the regression's tail starts at (0.5..0.999), or 0 for every trace
 * @param limit
 *            most operations per section (1..200)
 */
public record LatencyRequest(ApmWindow window, String service, String operation, String traceId, int slowTraces,
        ApmWindow baseline, double quantile, int limit) {

    public static final int MAX_SLOW_TRACES = 20;

    public LatencyRequest {
        if (window == null) {
            throw new IllegalArgumentException("a window is required");
        }
        if (slowTraces < 1 || slowTraces > MAX_SLOW_TRACES) {
            throw new IllegalArgumentException(
                    "slow traces must be between 1 and " + MAX_SLOW_TRACES + ", got " + slowTraces);
        }
        if (quantile != 0 && (quantile < 0.5 || quantile > 0.999)) {
            throw new IllegalArgumentException("quantile must be between 0.5 and 0.999 (or 0), got " + quantile);
        }
        Apm.checkLimit(limit);
    }
}
