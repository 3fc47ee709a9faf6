package dev.observatory.core.apm;

import dev.observatory.core.Tracking;
import dev.observatory.model.trace.ApmQuery;
import dev.observatory.model.trace.ServiceEdge;
import dev.observatory.model.trace.ServiceStats;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.TraceStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Service observability from spans: RED health per service, the service dependency map, where latency goes (self time,
 * critical paths, tail regressions), and, through {@link ApmSeries}, anomaly detection and capacity forecasts. A thin
 * facade over a {@link Tracking}'s trace store: build one per request.
 * <p>
 * Errors: IllegalArgumentException for bad input (windows, limits), NotFoundException for a service or operation with
 * no spans in the window (the message lists the services that have some).
 */
public final class Apm {
    /** Longest window one question may cover. */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** Most rows (services, operations, edges) one answer holds. */
    public static final int MAX_LIMIT = 200;
    /** Services named in a "no such service" message. */
    static final int SERVICES_LISTED = 20;

    private final Tracking tracking;
    private final TraceStore store;

    public Apm(Tracking tracking) {
        this.tracking = tracking;
        this.store = tracking.store().traces();
    }

    Tracking tracking() {
        return tracking;
    }

    TraceStore store() {
        return store;
    }

    /**
     * RED metrics of the requests (entry spans) of each service in the window, or of each operation when
     * {@code byOperation}, next to the previous window of the same length; the busiest {@code limit} rows.
     */
    public ServiceHealth health(ApmWindow window, String service, String operation, boolean byOperation, int limit) {
        checkLimit(limit);
        String svc = blankToNull(service);
        String op = blankToNull(operation);
        requireService(window, svc);
        ApmWindow before = window.previous();
        List<ServiceStats> now = store.serviceStats(query(window, svc, op), byOperation, limit + 1);
        if (now.isEmpty() && op != null) {
            throw new NotFoundException("operation '" + op + "'" + (svc == null ? "" : " of service '" + svc + "'")
                    + " served no requests (SERVER/CONSUMER or root spans) between " + window.from() + " and "
                    + window.to() + "; leave out 'operation' or set group_by to operation to see the operations");
        }
        boolean truncated = now.size() > limit;
        List<ServiceStats> shown = now.subList(0, Math.min(limit, now.size()));
        Map<List<String>, ServiceStats> old = new HashMap<>();
        for (ServiceStats s : store.serviceStats(query(before, svc, op), byOperation, MAX_LIMIT * 5)) {
            old.put(java.util.Arrays.asList(s.service(), s.operation()), s);
        }
        List<ServiceHealth.Row> rows = new ArrayList<>();
        for (ServiceStats s : shown) {
            rows.add(new ServiceHealth.Row(s.service(), s.operation(), Red.of(s, window.seconds()),
                    Red.of(old.get(java.util.Arrays.asList(s.service(), s.operation())), before.seconds())));
        }
        return new ServiceHealth(window, before, rows, truncated);
    }

    /**
     * The service dependency graph of the window: edges caller -> callee (at most {@code limit}, busiest first; only
     * those touching {@code service} when given) and their services with the requests they served.
     */
    public ServiceMap serviceMap(ApmWindow window, String service, int limit) {
        checkLimit(limit);
        String svc = blankToNull(service);
        requireService(window, svc);
        List<ServiceEdge> found = store.serviceEdges(query(window, svc, null), limit + 1);
        boolean truncated = found.size() > limit;
        List<ServiceEdge> edges = found.subList(0, Math.min(limit, found.size()));
        Map<String, ServiceStats> stats = new LinkedHashMap<>();
        for (ServiceStats s : store.serviceStats(query(window, null, null), false, MAX_LIMIT * 5)) {
            stats.put(s.service(), s);
        }
        List<String> names = new ArrayList<>();
        for (ServiceEdge e : edges) {
            addOnce(names, e.caller());
            addOnce(names, e.callee());
        }
        if (svc != null) {
            addOnce(names, svc);
        }
        names.sort((a, b) -> {
            long ra = stats.containsKey(a) ? stats.get(a).requests() : 0;
            long rb = stats.containsKey(b) ? stats.get(b).requests() : 0;
            return ra != rb ? Long.compare(rb, ra) : a.compareTo(b);
        });
        List<ServiceMap.Node> nodes = new ArrayList<>();
        names.forEach(n -> nodes.add(new ServiceMap.Node(n, Red.of(stats.get(n), window.seconds()))));
        List<ServiceMap.Edge> out = new ArrayList<>();
        for (ServiceEdge e : edges) {
            out.add(new ServiceMap.Edge(e.caller(), e.callee(), e.calls(), e.calls() / window.seconds(), e.errors(),
                    e.calls() == 0 ? 0 : (double) e.errors() / e.calls(), e.p50Nanos() / 1e6, e.p95Nanos() / 1e6));
        }
        return new ServiceMap(window, nodes, out, truncated);
    }

    /** Where time goes in the window; see {@link LatencyAnalysis}. */
    public Latency latency(LatencyRequest request) {
        return new LatencyAnalysis(this).analyze(request);
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    static ApmQuery query(ApmWindow w, String service, String operation) {
        return new ApmQuery(w.fromNanos(), w.toNanos(), service, operation);
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** NotFoundException naming the services seen when {@code service} has no span in the window or the one before. */
    void requireService(ApmWindow window, String service) {
        if (service == null) {
            return;
        }
        ApmWindow before = window.previous();
        List<String> seen = store.services(before.fromNanos(), window.toNanos(), 10_000);
        if (!seen.contains(service)) {
            List<String> some = seen.subList(0, Math.min(SERVICES_LISTED, seen.size()));
            throw new NotFoundException(
                    "service '" + service + "' has no spans between " + before.from() + " and " + window.to()
                            + (seen.isEmpty() ? "; no service has any: widen the window"
                                    : "; services with spans then: " + String.join(", ", some)
                                            + (seen.size() > some.size() ? ", ..." : "")));
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
