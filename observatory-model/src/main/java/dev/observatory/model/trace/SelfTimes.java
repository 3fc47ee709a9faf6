package dev.observatory.model.trace;

import java.util.List;

/**
 * Self time per operation over the traces in scope: every trace with a span in the window, or only the slowest ones
 * (trace duration at or above a quantile).
 *
 * @param traces
 *            traces in scope
 * @param thresholdNanos
 *            the trace-duration quantile the scope starts at; 0 when every trace is in scope
 * @param operations
 *            by self time descending
 */
public record SelfTimes(long traces, long thresholdNanos, List<OperationTime> operations) {

    public SelfTimes {
        operations = List.copyOf(operations);
    }
}
