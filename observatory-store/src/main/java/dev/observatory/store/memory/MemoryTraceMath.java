package dev.observatory.store.memory;

import dev.observatory.model.trace.CallStats;
import dev.observatory.model.trace.ErrorGroup;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanReliability;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.StatsQuery;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSignal;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The trace aggregations of the in-memory store, written for clarity: the reference the SQL backends must match. */
final class MemoryTraceMath {

    private MemoryTraceMath() {
    }

    static List<TraceSummary> page(List<TraceSummary> rows, TraceQuery q) {
        boolean slowest = q.order() == TraceQuery.Order.SLOWEST;
        Comparator<TraceSummary> order = Comparator
                .comparingLong((TraceSummary t) -> slowest ? t.durationNanos() : t.startNanos())
                .thenComparing(TraceSummary::traceId).reversed();
        return rows.stream().filter(t -> q.errors() == null || q.errors() == (t.errorCount() > 0))
                .filter(t -> t.durationNanos() >= q.minDurationNanos()).filter(t -> after(t, q, slowest)).sorted(order)
                .limit(q.limit()).toList();
    }

    private static boolean after(TraceSummary t, TraceQuery q, boolean slowest) {
        if (q.after() == null) {
            return true;
        }
        long key = slowest ? t.durationNanos() : t.startNanos();
        return key < q.after().key() || (key == q.after().key() && t.traceId().compareTo(q.after().traceId()) < 0);
    }

    static List<UsageRow> usage(List<TracedSpan> spans, UsageQuery q) {
        Map<List<Object>, List<TracedSpan>> groups = new LinkedHashMap<>();
        for (TracedSpan s : spans) {
            List<Object> key = new ArrayList<>();
            key.add(q.bucketNanos() == 0 ? null
                    : Math.floorDiv(s.span().startNanos(), q.bucketNanos()) * q.bucketNanos());
            for (UsageQuery.Dimension d : q.groupBy()) {
                key.add(dimension(s, d));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<UsageRow> rows = new ArrayList<>();
        groups.forEach((key, group) -> {
            long in = 0, out = 0, noCost = 0, estimated = 0, errors = 0;
            double cost = 0;
            for (TracedSpan s : group) {
                SpanFacts f = s.facts();
                in += f.inputTokens() == null ? 0 : f.inputTokens();
                out += f.outputTokens() == null ? 0 : f.outputTokens();
                cost += f.costUsd() == null ? 0 : f.costUsd();
                noCost += f.costUsd() == null ? 1 : 0;
                estimated += f.tokensEstimated() ? 1 : 0;
                errors += failed(s) ? 1 : 0;
            }
            List<String> keys = new ArrayList<>();
            key.subList(1, key.size()).forEach(k -> keys.add((String) k));
            rows.add(new UsageRow(keys, (Long) key.get(0), group.size(), in, out, cost, noCost, estimated, errors));
        });
        rows.sort(Comparator.comparing(UsageRow::bucketStartNanos, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Comparator.comparingDouble(UsageRow::costUsd).reversed())
                .thenComparing(Comparator.comparingLong(UsageRow::calls).reversed())
                .thenComparing(UsageRow::keys, MemoryTraceMath::compareKeys));
        return rows;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        Comparator<String> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
        for (int i = 0; i < a.size(); i++) {
            int c = nullsLast.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String dimension(TracedSpan s, UsageQuery.Dimension d) {
        return switch (d) {
            case MODEL -> s.facts().model();
            case PROVIDER -> s.facts().provider();
            case SERVICE -> s.span().service();
            case TOOL -> s.facts().toolName();
            case USER -> s.facts().userId();
            case OPERATION -> s.facts().operation();
        };
    }

    static boolean failed(TracedSpan s) {
        return s.span().status() == SpanStatus.ERROR || s.facts().errorType() != null;
    }

    static boolean shows(TracedSpan s, TraceSignal signal, StatsQuery q) {
        SpanReliability r = s.facts().reliability();
        return switch (signal) {
            case ERROR -> failed(s);
            case RETRY -> r.retries() != null && r.retries() > 0;
            case FALLBACK -> Boolean.TRUE.equals(r.fallbackUsed());
            case LOW_CONFIDENCE -> r.confidence() != null
                    && r.confidence() < (r.gateThreshold() != null ? r.gateThreshold() : q.lowConfidenceBelow());
            case GATE_BLOCKED -> Boolean.TRUE.equals(r.gateBlocked());
            case PROMPT_DIFF_VIOLATION -> r.promptDiffScore() != null && r.promptDiffScore() > q.promptDiffAbove();
            case SHADOW_DISAGREEMENT -> Boolean.FALSE.equals(r.shadowAgreement());
            case DETERMINISTIC_FALLBACK -> Boolean.TRUE.equals(r.deterministicFallback());
            case HIGH_RISK_PATH -> Boolean.TRUE.equals(r.highRiskPath());
            case GOLDEN_FAILURE -> Boolean.TRUE.equals(r.goldenScenario()) && Boolean.FALSE.equals(r.goldenPassed());
        };
    }

    static CallStats stats(String key, List<TracedSpan> calls, StatsQuery q) {
        long[] c = new long[TraceSignal.values().length];
        long withConfidence = 0, withGate = 0, withDiff = 0, withShadow = 0, golden = 0, in = 0, out = 0;
        long withCost = 0, durationSum = 0;
        double confidenceSum = 0, cost = 0;
        long[] durations = new long[calls.size()];
        int i = 0;
        for (TracedSpan s : calls) {
            for (TraceSignal sig : TraceSignal.values()) {
                c[sig.ordinal()] += shows(s, sig, q) ? 1 : 0;
            }
            SpanReliability r = s.facts().reliability();
            withConfidence += r.confidence() != null ? 1 : 0;
            confidenceSum += r.confidence() != null ? r.confidence() : 0;
            withGate += r.gateBlocked() != null ? 1 : 0;
            withDiff += r.promptDiffScore() != null ? 1 : 0;
            withShadow += r.shadowAgreement() != null ? 1 : 0;
            golden += Boolean.TRUE.equals(r.goldenScenario()) ? 1 : 0;
            in += s.facts().inputTokens() == null ? 0 : s.facts().inputTokens();
            out += s.facts().outputTokens() == null ? 0 : s.facts().outputTokens();
            withCost += s.facts().costUsd() != null ? 1 : 0;
            cost += s.facts().costUsd() != null ? s.facts().costUsd() : 0;
            durations[i++] = s.span().durationNanos();
            durationSum += s.span().durationNanos();
        }
        java.util.Arrays.sort(durations);
        return new CallStats(key, calls.size(), c[TraceSignal.ERROR.ordinal()], c[TraceSignal.RETRY.ordinal()],
                c[TraceSignal.FALLBACK.ordinal()], c[TraceSignal.LOW_CONFIDENCE.ordinal()], withConfidence,
                confidenceSum, c[TraceSignal.GATE_BLOCKED.ordinal()], withGate,
                c[TraceSignal.PROMPT_DIFF_VIOLATION.ordinal()], withDiff, c[TraceSignal.SHADOW_DISAGREEMENT.ordinal()],
                withShadow, c[TraceSignal.DETERMINISTIC_FALLBACK.ordinal()], c[TraceSignal.HIGH_RISK_PATH.ordinal()],
                c[TraceSignal.GOLDEN_FAILURE.ordinal()], golden, in, out, cost, withCost, quantile(durations, 0.5),
                quantile(durations, 0.95), quantile(durations, 0.99), durationSum);
    }

    /** Continuous quantile (linear interpolation between closest ranks), rounded; 0 for no values. */
    static long quantile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return Math.round(sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]));
    }

    static List<ErrorGroup> errorGroups(Map<List<String>, List<TracedSpan>> groups, int limit, int examples) {
        List<ErrorGroup> out = new ArrayList<>();
        groups.forEach((key, spans) -> {
            spans.sort(MemoryTraces.BY_START.reversed());
            Set<String> ids = new LinkedHashSet<>();
            String message = null;
            for (TracedSpan s : spans) {
                if (ids.size() < examples) {
                    ids.add(s.span().traceId());
                }
                String m = s.span().statusMessage();
                if (m != null && (message == null || m.compareTo(message) > 0)) {
                    message = m;
                }
            }
            out.add(new ErrorGroup(key.get(0), key.get(1), key.get(2), message, spans.size(),
                    spans.get(0).span().startNanos(), List.copyOf(ids)));
        });
        out.sort(Comparator.comparingLong(ErrorGroup::count).reversed()
                .thenComparing(Comparator.comparingLong(ErrorGroup::lastSeenNanos).reversed())
                .thenComparing(g -> java.util.Arrays.asList(g.service(), g.name(), g.errorType()),
                        MemoryTraceMath::compareKeys));
        return out.subList(0, Math.min(limit, out.size()));
    }
}
