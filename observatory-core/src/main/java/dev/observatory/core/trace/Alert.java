package dev.observatory.core.trace;

import java.util.List;

/**
 * An active alert: a snapshot metric of a service above its threshold in the window.
 *
 * @param metric
 *            the metric's name (as in {@link ServiceMetrics})
 * @param traceIds
 *            a few traces behind the value (most recent or worst first)
 */
public record Alert(String service, String metric, double value, double threshold, long calls, List<String> traceIds) {

    public Alert {
        traceIds = List.copyOf(traceIds);
    }
}
