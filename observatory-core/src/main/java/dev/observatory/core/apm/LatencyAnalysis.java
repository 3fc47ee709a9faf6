package dev.observatory.core.apm;

import dev.observatory.model.trace.OperationTime;
import dev.observatory.model.trace.SelfTimes;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where time goes: operations by self time, the critical path of a trace (or of the slowest traces, averaged), and the
 * operations whose self time per tail trace grew most against a baseline window.
 */
final class LatencyAnalysis {
    /** Operations read to compute shares before cutting to the limit. */
    static final int READ = 1000;
    /** Steps of one critical path shown (the longest contributions; the path keeps its order). */
    static final int MAX_STEPS = 100;

    private final Apm apm;

    LatencyAnalysis(Apm apm) {
        this.apm = apm;
    }

    Latency analyze(LatencyRequest r) {
        String svc = Apm.blankToNull(r.service());
        String op = Apm.blankToNull(r.operation());
        apm.requireService(r.window(), svc);
        Latency.Hotspots hot = hotspots(r, svc, op);
        List<Latency.CriticalPath> paths = new ArrayList<>();
        List<Latency.PathShare> shares = List.of();
        if (r.traceId() != null) {
            String id = traceId(r.traceId());
            List<TracedSpan> spans = apm.store().traceOutline(id, java.util.Set.of()); // no attributes needed
            if (spans.isEmpty()) {
                throw new NotFoundException("trace '" + id + "' does not exist (or retention deleted its spans)");
            }
            paths.add(trimmed(CriticalPaths.of(id, spans)));
        } else {
            List<Latency.CriticalPath> slow = slowest(r, svc);
            if (!slow.isEmpty()) {
                paths.add(trimmed(slow.get(0)));
            }
            shares = shares(slow, r.limit());
        }
        return new Latency(r.window(), hot, paths, shares, regression(r, svc, op));
    }

    private Latency.Hotspots hotspots(LatencyRequest r, String svc, String op) {
        SelfTimes t = apm.store().selfTimes(Apm.query(r.window(), svc, op), 0, READ);
        long total = t.operations().stream().mapToLong(OperationTime::selfSumNanos).sum();
        List<Latency.OperationShare> ops = new ArrayList<>();
        for (OperationTime o : t.operations().subList(0, Math.min(r.limit(), t.operations().size()))) {
            ops.add(new Latency.OperationShare(o.service(), o.operation(), o.spans(), o.selfSumNanos() / 1e6,
                    total == 0 ? 0 : (double) o.selfSumNanos() / total,
                    t.traces() == 0 ? 0 : o.selfSumNanos() / 1e6 / t.traces(), o.maxSelfNanos() / 1e6));
        }
        return new Latency.Hotspots(t.traces(), ops);
    }

    private List<Latency.CriticalPath> slowest(LatencyRequest r, String svc) {
        ApmWindow w = r.window();
        TraceQuery q = new TraceQuery(svc, null, null, null, 0, w.fromNanos(), w.toNanos(), TraceQuery.Order.SLOWEST,
                null, r.slowTraces());
        List<Latency.CriticalPath> out = new ArrayList<>();
        for (TraceSummary t : apm.store().listTraces(q)) {
            out.add(CriticalPaths.of(t.traceId(), apm.store().traceOutline(t.traceId(), java.util.Set.of())));
        }
        return out;
    }

    /** Critical time per operation, averaged over the traces, largest first. */
    static List<Latency.PathShare> shares(List<Latency.CriticalPath> paths, int limit) {
        Map<List<String>, Double> sums = new LinkedHashMap<>();
        double total = 0;
        for (Latency.CriticalPath p : paths) {
            for (Latency.Step s : p.steps()) {
                sums.merge(List.of(s.service(), s.operation()), s.criticalMs(), Double::sum);
                total += s.criticalMs();
            }
        }
        double all = total;
        List<Latency.PathShare> out = new ArrayList<>();
        sums.forEach(
                (k, v) -> out.add(new Latency.PathShare(k.get(0), k.get(1), v / paths.size(), all == 0 ? 0 : v / all)));
        out.sort(Comparator.comparingDouble(Latency.PathShare::criticalMsPerTrace).reversed());
        return out.subList(0, Math.min(limit, out.size()));
    }

    private static Latency.CriticalPath trimmed(Latency.CriticalPath p) {
        if (p.steps().size() <= MAX_STEPS) {
            return p;
        }
        List<Latency.Step> top = new ArrayList<>(p.steps());
        top.sort(Comparator.comparingDouble(Latency.Step::criticalMs).reversed());
        java.util.Set<String> keep = new java.util.HashSet<>();
        top.subList(0, MAX_STEPS).forEach(s -> keep.add(s.spanId()));
        return new Latency.CriticalPath(p.traceId(), p.durationMs(),
                p.steps().stream().filter(s -> keep.contains(s.spanId())).toList());
    }

    private Latency.Regression regression(LatencyRequest r, String svc, String op) {
        ApmWindow base = r.baseline() == null ? r.window().previous() : r.baseline();
        SelfTimes before = apm.store().selfTimes(Apm.query(base, svc, op), r.quantile(), READ);
        SelfTimes now = apm.store().selfTimes(Apm.query(r.window(), svc, op), r.quantile(), READ);
        Map<List<String>, double[]> perTrace = new HashMap<>();
        for (OperationTime o : before.operations()) {
            perTrace.computeIfAbsent(List.of(o.service(), o.operation()), k -> new double[2])[0] = o.selfSumNanos()
                    / 1e6 / Math.max(1, before.traces());
        }
        for (OperationTime o : now.operations()) {
            perTrace.computeIfAbsent(List.of(o.service(), o.operation()), k -> new double[2])[1] = o.selfSumNanos()
                    / 1e6 / Math.max(1, now.traces());
        }
        List<Latency.Contributor> out = new ArrayList<>();
        perTrace.forEach((k, v) -> out.add(new Latency.Contributor(k.get(0), k.get(1), v[0], v[1], v[1] - v[0])));
        out.sort(Comparator.comparingDouble(Latency.Contributor::deltaMs).reversed()
                .thenComparing(Latency.Contributor::service).thenComparing(Latency.Contributor::operation));
        return new Latency.Regression(base, r.quantile(), before.traces(), now.traces(), before.thresholdNanos() / 1e6,
                now.thresholdNanos() / 1e6, out.subList(0, Math.min(r.limit(), out.size())));
    }

    static String traceId(String id) {
        if (id == null || !id.strip().matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("trace id must be 32 hex characters, got '" + id + "'");
        }
        return id.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
