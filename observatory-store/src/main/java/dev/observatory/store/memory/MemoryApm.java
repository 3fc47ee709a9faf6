package dev.observatory.store.memory;

import dev.observatory.model.trace.ApmQuery;
import dev.observatory.model.trace.OperationTime;
import dev.observatory.model.trace.SelfTimes;
import dev.observatory.model.trace.ServiceEdge;
import dev.observatory.model.trace.ServiceStats;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanBucket;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.TraceStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The APM aggregates of the in-memory store over a snapshot of its traces: the reference for the SQL backends. */
final class MemoryApm {

    private MemoryApm() {
    }

    static boolean entry(Span s) {
        return s.kind() == SpanKind.SERVER || s.kind() == SpanKind.CONSUMER || s.parentSpanId() == null;
    }

    static boolean in(Span s, long from, long to) {
        return s.startNanos() >= from && s.startNanos() < to;
    }

    static boolean matches(Span s, ApmQuery q) {
        return in(s, q.fromNanos(), q.toNanos()) && (q.service() == null || q.service().equals(s.service()))
                && (q.operation() == null || q.operation().equals(s.name()));
    }

    static List<String> services(Iterable<Map<String, TracedSpan>> traces, long from, long to, int limit) {
        Set<String> names = new TreeSet<>();
        for (Map<String, TracedSpan> t : traces) {
            t.values().stream().filter(s -> in(s.span(), from, to)).forEach(s -> names.add(s.span().service()));
        }
        return names.stream().limit(limit).toList();
    }

    static List<ServiceStats> serviceStats(Iterable<Map<String, TracedSpan>> traces, ApmQuery q, boolean byOperation,
            int limit) {
        Map<List<String>, List<TracedSpan>> groups = new HashMap<>();
        for (Map<String, TracedSpan> t : traces) {
            for (TracedSpan s : t.values()) {
                if (matches(s.span(), q) && entry(s.span())) {
                    groups.computeIfAbsent(Arrays.asList(s.span().service(), byOperation ? s.span().name() : null),
                            k -> new ArrayList<>()).add(s);
                }
            }
        }
        List<ServiceStats> out = new ArrayList<>();
        groups.forEach((k, spans) -> {
            long[] d = durations(spans);
            long errors = spans.stream().filter(MemoryTraceMath::failed).count();
            out.add(new ServiceStats(k.get(0), k.get(1), spans.size(), errors, MemoryTraceMath.quantile(d, 0.5),
                    MemoryTraceMath.quantile(d, 0.95), MemoryTraceMath.quantile(d, 0.99), Arrays.stream(d).sum()));
        });
        out.sort(Comparator.comparingLong(ServiceStats::requests).reversed().thenComparing(ServiceStats::service)
                .thenComparing(ServiceStats::operation, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out.stream().limit(limit).toList();
    }

    /**
     * Edges as the SQL backends find them: a parent written in the same batch as its child always counts (its service
     * is recorded on the child), one written in another batch only when it started within the lookback.
     */
    static List<ServiceEdge> serviceEdges(Iterable<Map<String, TracedSpan>> traces, ApmQuery q, int limit,
            java.util.function.Predicate<Span> parentInSameBatch) {
        Map<List<String>, List<TracedSpan>> groups = new HashMap<>();
        long parentFrom = q.fromNanos() - TraceStore.PARENT_LOOKBACK_NANOS;
        for (Map<String, TracedSpan> t : traces) {
            for (TracedSpan c : t.values()) {
                Span child = c.span();
                TracedSpan p = child.parentSpanId() == null ? null : t.get(child.parentSpanId());
                if (p == null || !in(child, q.fromNanos(), q.toNanos())
                        || !(parentInSameBatch.test(child) || in(p.span(), parentFrom, q.toNanos()))
                        || p.span().service().equals(child.service())) {
                    continue;
                }
                if (q.service() == null || q.service().equals(child.service())
                        || q.service().equals(p.span().service())) {
                    groups.computeIfAbsent(List.of(p.span().service(), child.service()), k -> new ArrayList<>()).add(c);
                }
            }
        }
        List<ServiceEdge> out = new ArrayList<>();
        groups.forEach((k, spans) -> {
            long[] d = durations(spans);
            out.add(new ServiceEdge(k.get(0), k.get(1), spans.size(),
                    spans.stream().filter(MemoryTraceMath::failed).count(), MemoryTraceMath.quantile(d, 0.5),
                    MemoryTraceMath.quantile(d, 0.95), Arrays.stream(d).sum()));
        });
        out.sort(Comparator.comparingLong(ServiceEdge::calls).reversed().thenComparing(ServiceEdge::caller)
                .thenComparing(ServiceEdge::callee));
        return out.stream().limit(limit).toList();
    }

    static SelfTimes selfTimes(Iterable<Map<String, TracedSpan>> traces, ApmQuery q, double tailQuantile, int limit) {
        Map<String, List<TracedSpan>> window = new LinkedHashMap<>();
        for (Map<String, TracedSpan> t : traces) {
            for (TracedSpan s : t.values()) {
                if (in(s.span(), q.fromNanos(), q.toNanos())) {
                    window.computeIfAbsent(s.span().traceId(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        Map<String, Long> durations = new HashMap<>();
        window.forEach(
                (id, spans) -> durations.put(id, spans.stream().mapToLong(s -> s.span().endNanos()).max().getAsLong()
                        - spans.stream().mapToLong(s -> s.span().startNanos()).min().getAsLong()));
        long threshold = 0;
        if (tailQuantile > 0 && !durations.isEmpty()) {
            long[] sorted = durations.values().stream().mapToLong(Long::longValue).sorted().toArray();
            threshold = MemoryTraceMath.quantile(sorted, tailQuantile);
        }
        long cut = threshold;
        Set<String> scope = new HashSet<>();
        durations.forEach((id, d) -> {
            if (tailQuantile <= 0 || d >= cut) {
                scope.add(id);
            }
        });
        Map<List<String>, long[]> ops = new TreeMap<>(
                Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        Map<List<String>, Set<String>> opTraces = new HashMap<>();
        for (String id : scope) {
            List<TracedSpan> spans = window.get(id);
            Map<String, Long> childSum = new HashMap<>();
            spans.stream().filter(s -> s.span().parentSpanId() != null)
                    .forEach(s -> childSum.merge(s.span().parentSpanId(), s.span().durationNanos(), Long::sum));
            for (TracedSpan s : spans) {
                if (!matches(s.span(), q)) {
                    continue;
                }
                long self = Math.max(0, s.span().durationNanos() - childSum.getOrDefault(s.span().spanId(), 0L));
                List<String> key = List.of(s.span().service(), s.span().name());
                long[] acc = ops.computeIfAbsent(key, k -> new long[4]);
                acc[0]++;
                acc[1] += self;
                acc[2] += s.span().durationNanos();
                acc[3] = Math.max(acc[3], self);
                opTraces.computeIfAbsent(key, k -> new HashSet<>()).add(id);
            }
        }
        List<OperationTime> rows = new ArrayList<>();
        ops.forEach((k, a) -> rows
                .add(new OperationTime(k.get(0), k.get(1), a[0], opTraces.get(k).size(), a[1], a[2], a[3])));
        rows.sort(Comparator.comparingLong(OperationTime::selfSumNanos).reversed().thenComparing(OperationTime::service)
                .thenComparing(OperationTime::operation));
        return new SelfTimes(scope.size(), threshold, rows.stream().limit(limit).toList());
    }

    static List<SpanBucket> spanBuckets(Iterable<Map<String, TracedSpan>> traces, ApmQuery q, long bucketNanos) {
        Map<Long, List<TracedSpan>> buckets = new TreeMap<>();
        for (Map<String, TracedSpan> t : traces) {
            for (TracedSpan s : t.values()) {
                if (matches(s.span(), q) && entry(s.span())) {
                    long start = s.span().startNanos();
                    buckets.computeIfAbsent(start - start % bucketNanos, k -> new ArrayList<>()).add(s);
                }
            }
        }
        List<SpanBucket> out = new ArrayList<>();
        buckets.forEach((b, spans) -> {
            long[] d = durations(spans);
            out.add(new SpanBucket(b, spans.size(), spans.stream().filter(MemoryTraceMath::failed).count(),
                    MemoryTraceMath.quantile(d, 0.5), MemoryTraceMath.quantile(d, 0.95),
                    MemoryTraceMath.quantile(d, 0.99)));
        });
        return out;
    }

    private static long[] durations(List<TracedSpan> spans) {
        return spans.stream().mapToLong(s -> s.span().durationNanos()).sorted().toArray();
    }
}
