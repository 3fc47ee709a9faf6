package dev.observatory.core.apm;

import java.util.List;

/**
 * The service dependency graph of a window: services (with the requests they served) and the calls between them.
 *
 * @param nodes
 *            every service on an edge, plus the busiest other services, by requests descending
 * @param edges
 *            by calls descending
 * @param truncated
 *            more edges existed than the limit
 */
public record ServiceMap(ApmWindow window, List<Node> nodes, List<Edge> edges, boolean truncated) {

    public ServiceMap {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** A service and the RED metrics of the requests it served (entry spans). */
    public record Node(String service, Red red) {
    }

    /**
     * Calls from caller to callee.
     *
     * @param p50Ms
     *            the callee's span duration percentiles, milliseconds
     */
    public record Edge(String caller, String callee, long calls, double ratePerSecond, long errors, double errorRate,
            double p50Ms, double p95Ms) {
    }
}
