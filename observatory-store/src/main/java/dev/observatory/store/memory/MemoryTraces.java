package dev.observatory.store.memory;

import dev.observatory.model.trace.ApmQuery;
import dev.observatory.model.trace.CallStats;
import dev.observatory.model.trace.ErrorGroup;
import dev.observatory.model.trace.SelfTimes;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.ServiceEdge;
import dev.observatory.model.trace.ServiceStats;
import dev.observatory.model.trace.SpanBucket;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.StatsQuery;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSignal;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import dev.observatory.store.TraceStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spans in memory, by trace then span id; guarded by this object's monitor. The reference for the contract suite. */
final class MemoryTraces implements TraceStore {

    static final Comparator<TracedSpan> BY_START = Comparator.<TracedSpan> comparingLong(s -> s.span().startNanos())
            .thenComparing(s -> s.span().spanId());

    private final Map<String, Map<String, TracedSpan>> traces = new LinkedHashMap<>();
    /** Keys (trace id + span id) of the spans stored with their parent in the same write (see serviceEdges). */
    private final java.util.Set<String> parentInSameBatch = new java.util.HashSet<>();

    @Override
    public synchronized void write(List<TracedSpan> spans) {
        java.util.Set<String> batch = new java.util.HashSet<>();
        spans.forEach(s -> batch.add(s.span().traceId() + s.span().spanId()));
        for (TracedSpan s : spans) {
            TracedSpan before = traces.computeIfAbsent(s.span().traceId(), k -> new LinkedHashMap<>())
                    .putIfAbsent(s.span().spanId(), s);
            String parent = s.span().parentSpanId();
            if (before == null && parent != null && batch.contains(s.span().traceId() + parent)) {
                parentInSameBatch.add(s.span().traceId() + s.span().spanId());
            }
        }
    }

    @Override
    public synchronized List<TracedSpan> traceOutline(String traceId, java.util.Set<String> detailed) {
        List<TracedSpan> out = new ArrayList<>();
        for (TracedSpan t : trace(traceId)) {
            Span s = t.span();
            out.add(detailed != null && detailed.contains(s.spanId()) ? t
                    : new TracedSpan(new Span(s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.name(),
                            s.kind(), s.startNanos(), s.endNanos(), s.status(), s.statusMessage(), Map.of(), Map.of(),
                            s.scope(), s.scopeVersion(), List.of(), List.of()), t.facts()));
        }
        return out;
    }

    @Override
    public synchronized List<TracedSpan> trace(String traceId) {
        Map<String, TracedSpan> spans = traces.get(traceId);
        if (spans == null) {
            return List.of();
        }
        List<TracedSpan> out = new ArrayList<>(spans.values());
        out.sort(BY_START);
        return out;
    }

    @Override
    public synchronized List<TraceSummary> listTraces(TraceQuery q) {
        List<TraceSummary> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, TracedSpan>> e : traces.entrySet()) {
            boolean match = e.getValue().values().stream()
                    .anyMatch(s -> s.span().startNanos() >= q.fromNanos() && s.span().startNanos() < q.toNanos()
                            && eq(q.service(), s.span().service()) && eq(q.model(), s.facts().model())
                            && eq(q.tool(), s.facts().toolName()));
            if (match) {
                rows.add(TraceSummary.of(e.getKey(), e.getValue().values()));
            }
        }
        return MemoryTraceMath.page(rows, q);
    }

    private static boolean eq(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private synchronized List<TracedSpan> calls(long from, long to, String service) {
        List<TracedSpan> out = new ArrayList<>();
        for (Map<String, TracedSpan> t : traces.values()) {
            for (TracedSpan s : t.values()) {
                if (s.span().startNanos() >= from && s.span().startNanos() < to && eq(service, s.span().service())
                        && isCall(s.facts())) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    static boolean isCall(SpanFacts f) {
        return f.operation() != null || f.model() != null || f.toolName() != null;
    }

    @Override
    public List<UsageRow> usage(UsageQuery q) {
        List<TracedSpan> spans = calls(q.fromNanos(), q.toNanos(), q.service());
        spans.removeIf(s -> q.model() != null && !q.model().equals(s.facts().model()));
        return MemoryTraceMath.usage(spans, q);
    }

    @Override
    public List<CallStats> callStats(StatsQuery q) {
        Map<String, List<TracedSpan>> groups = new LinkedHashMap<>();
        for (TracedSpan s : calls(q.fromNanos(), q.toNanos(), q.service())) {
            String key = q.groupBy() == StatsQuery.GroupBy.MODEL ? s.facts().model() : s.span().service();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<CallStats> out = new ArrayList<>();
        groups.forEach((k, v) -> out.add(MemoryTraceMath.stats(k, v, q)));
        out.sort(Comparator.comparingLong(CallStats::calls).reversed().thenComparing(CallStats::key,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    @Override
    public List<String> tracesWith(StatsQuery q, TraceSignal signal, int limit) {
        List<TracedSpan> spans = calls(q.fromNanos(), q.toNanos(), q.service());
        Map<String, Long> last = new LinkedHashMap<>();
        for (TracedSpan s : spans) {
            if (MemoryTraceMath.shows(s, signal, q)) {
                last.merge(s.span().traceId(), s.span().startNanos(), Math::max);
            }
        }
        return last
                .entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()).reversed())
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    @Override
    public List<String> costliestTraces(StatsQuery q, int limit) {
        Map<String, Double> top = new LinkedHashMap<>();
        for (TracedSpan s : calls(q.fromNanos(), q.toNanos(), q.service())) {
            if (s.facts().costUsd() != null) {
                top.merge(s.span().traceId(), s.facts().costUsd(), Math::max);
            }
        }
        return top
                .entrySet().stream().sorted(Map.Entry.<String, Double> comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()).reversed())
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized List<ErrorGroup> errorGroups(long from, long to, String service, int limit, int examples) {
        Map<List<String>, List<TracedSpan>> groups = new LinkedHashMap<>();
        for (Map<String, TracedSpan> t : traces.values()) {
            for (TracedSpan s : t.values()) {
                boolean failed = s.span().status() == SpanStatus.ERROR || s.facts().errorType() != null;
                if (failed && s.span().startNanos() >= from && s.span().startNanos() < to
                        && eq(service, s.span().service())) {
                    groups.computeIfAbsent(
                            java.util.Arrays.asList(s.span().service(), s.span().name(), s.facts().errorType()),
                            k -> new ArrayList<>()).add(s);
                }
            }
        }
        return MemoryTraceMath.errorGroups(groups, limit, examples);
    }

    @Override
    public synchronized long deleteBefore(long startNanos) {
        long deleted = 0;
        for (var it = traces.values().iterator(); it.hasNext();) {
            Map<String, TracedSpan> t = it.next();
            int before = t.size();
            t.values().removeIf(s -> {
                boolean expired = s.span().startNanos() < startNanos;
                if (expired) {
                    parentInSameBatch.remove(s.span().traceId() + s.span().spanId());
                }
                return expired;
            });
            deleted += before - t.size();
            if (t.isEmpty()) {
                it.remove();
            }
        }
        return deleted;
    }

    @Override
    public synchronized long countSpans() {
        return traces.values().stream().mapToLong(Map::size).sum();
    }

    // ---- APM aggregates (MemoryApm)

    @Override
    public synchronized List<String> services(long fromNanos, long toNanos, int limit) {
        return MemoryApm.services(traces.values(), fromNanos, toNanos, limit);
    }

    @Override
    public synchronized List<ServiceStats> serviceStats(ApmQuery query, boolean byOperation, int limit) {
        return MemoryApm.serviceStats(traces.values(), query, byOperation, limit);
    }

    @Override
    public synchronized List<ServiceEdge> serviceEdges(ApmQuery query, int limit) {
        return MemoryApm.serviceEdges(traces.values(), query, limit,
                s -> parentInSameBatch.contains(s.traceId() + s.spanId()));
    }

    @Override
    public synchronized SelfTimes selfTimes(ApmQuery query, double tailQuantile, int limit) {
        return MemoryApm.selfTimes(traces.values(), query, tailQuantile, limit);
    }

    @Override
    public synchronized List<SpanBucket> spanBuckets(ApmQuery query, long bucketNanos) {
        return MemoryApm.spanBuckets(traces.values(), query, bucketNanos);
    }

    /** Calls the action with every span that started in [from, to) (for the SLI rollups). */
    synchronized void forEachStartedIn(long from, long to, java.util.function.Consumer<TracedSpan> action) {
        for (Map<String, TracedSpan> t : traces.values()) {
            for (TracedSpan s : t.values()) {
                if (s.span().startNanos() >= from && s.span().startNanos() < to) {
                    action.accept(s);
                }
            }
        }
    }

    /** The earliest span start, or null when no span is stored. */
    synchronized Long firstStart() {
        return traces.values().stream().flatMap(t -> t.values().stream()).mapToLong(s -> s.span().startNanos()).min()
                .stream().boxed().findFirst().orElse(null);
    }
}
