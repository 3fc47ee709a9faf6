package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.model.trace.CallStats;
import dev.observatory.model.trace.ErrorGroup;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanLink;
import dev.observatory.model.trace.SpanReliability;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trace store: idempotent span writes, traces, trace lists, usage, call stats, error groups, retention. */
abstract class TraceContract extends StorageFixture {

    /** 2025-01-01T00:00:00Z in epoch nanoseconds. */
    static final long T0 = T0_MS * 1_000_000;
    static final long MS = 1_000_000;
    static final long HOUR = 3_600_000 * MS;

    TraceStore traces;

    @BeforeEach
    void traces() {
        traces = storage.traces();
    }

    static String tid(int n) {
        return String.format("%032x", n);
    }

    static String sid(int n) {
        return String.format("%016x", n);
    }

    static TracedSpan span(int trace, int span, Integer parent, String service, String name, long startMs,
            long durationMs, SpanStatus status, SpanFacts facts) {
        return new TracedSpan(new Span(tid(trace), sid(span), parent == null ? null : sid(parent), service, name,
                SpanKind.INTERNAL, T0 + startMs * MS, T0 + (startMs + durationMs) * MS, status,
                status == SpanStatus.ERROR ? "boom " + span : null, Map.of(), Map.of(), "scope", "", List.of(),
                List.of()), facts);
    }

    static SpanFacts llm(String model, long in, long out, Double cost) {
        return new SpanFacts("chat", "openai", model, null, "ada", in, out, false, cost, null, null, null);
    }

    static SpanFacts tool(String tool) {
        return new SpanFacts("tools/call", null, null, tool, null, null, null, false, null, null, null, null);
    }

    static SpanFacts signals(SpanReliability r) {
        return new SpanFacts("chat", null, "gpt-4o", null, null, 1L, 1L, false, 0.001, null, null, r);
    }

    @Test
    void roundTripsEverySpanFieldAndFact() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("zeta", "last-inserted-first");
        attrs.put("gen_ai.usage.input_tokens", 12L);
        attrs.put("ratio", 0.25);
        attrs.put("ok", true);
        attrs.put("tags", List.of("a", "b"));
        attrs.put("ints", List.of(1L, 2L));
        Span s = new Span(tid(1), sid(2), sid(1), "shop", "chat gpt-4o", SpanKind.CLIENT, T0 + 5, T0 + 905,
                SpanStatus.ERROR, "rate limited", attrs, Map.of("service.name", "shop", "host.cpus", 8L), "openai-sdk",
                "1.2.3", List.of(new SpanEvent("exception", T0 + 100, Map.of("exception.type", "RateLimit"))),
                List.of(new SpanLink(tid(9), sid(9), Map.of("why", "retry"))));
        SpanFacts f = new SpanFacts("chat", "openai", "gpt-4o", "search", "ada", 12L, 34L, true, 0.0125, "price table",
                "RateLimit", new SpanReliability(2, true, 0.64, 0.7, true, false, true, 0.42, false, true, false));
        traces.write(List.of(new TracedSpan(s, f)));

        List<TracedSpan> back = traces.trace(tid(1));
        assertThat(back).hasSize(1);
        assertThat(back.get(0).span()).isEqualTo(s);
        assertThat(back.get(0).span().attributes().keySet()).containsExactly("zeta", "gen_ai.usage.input_tokens",
                "ratio", "ok", "tags", "ints");
        assertThat(back.get(0).facts()).isEqualTo(f);
    }

    @Test
    void aResentSpanIsStoredOnceAndTheFirstCopyWins() {
        TracedSpan first = span(1, 1, null, "shop", "first", 0, 10, SpanStatus.OK, SpanFacts.NONE);
        TracedSpan again = span(1, 1, null, "shop", "second", 0, 10, SpanStatus.OK, SpanFacts.NONE);
        traces.write(List.of(first, again));
        traces.write(List.of(again, span(1, 2, 1, "shop", "child", 1, 2, SpanStatus.OK, SpanFacts.NONE)));

        assertThat(traces.trace(tid(1))).extracting(t -> t.span().name()).containsExactly("first", "child");
        assertThat(traces.countSpans()).isEqualTo(2);
        assertThat(traces.trace(tid(404))).isEmpty();
    }

    @Test
    void aResentBatchAmongThousandsOfSpansOfTheSameMomentIsStoredOnce() {
        List<TracedSpan> crowd = new ArrayList<>();
        for (int i = 1; i <= 6000; i++) {
            crowd.add(span(i, 1, null, "svc", "op", 0, 1, SpanStatus.OK, SpanFacts.NONE));
        }
        traces.write(crowd);
        List<TracedSpan> again = new ArrayList<>(crowd.subList(0, 100));
        again.add(span(7000, 1, null, "svc", "new", 0, 1, SpanStatus.OK, SpanFacts.NONE));
        traces.write(again);

        assertThat(traces.countSpans()).isEqualTo(6001);
        assertThat(traces.trace(tid(7000))).hasSize(1);
    }

    @Test
    void appendDerivesTheColumnsFromSemanticConventionAttributes() {
        Map<String, Object> attrs = Map.of("gen_ai.operation.name", "chat", "gen_ai.request.model", "gpt-4o",
                "gen_ai.usage.input_tokens", 7L, "observatory.retries", 1L);
        traces.append(List.of(new Span(tid(3), sid(1), null, "svc", "chat", SpanKind.CLIENT, T0, T0 + 1, SpanStatus.OK,
                null, attrs, null, null, null, null, null)));

        SpanFacts f = traces.trace(tid(3)).get(0).facts();
        assertThat(f.model()).isEqualTo("gpt-4o");
        assertThat(f.inputTokens()).isEqualTo(7);
        assertThat(f.reliability().retries()).isEqualTo(1);
    }

    /** Three traces: 1 (shop, gpt-4o, ok, 100 ms), 2 (shop, claude, error, 300 ms), 3 (bank, tool only, 50 ms). */
    void threeTraces() {
        traces.write(List.of(span(1, 1, null, "shop", "checkout", 0, 100, SpanStatus.OK, SpanFacts.NONE),
                span(1, 2, 1, "shop", "chat", 10, 50, SpanStatus.OK, llm("gpt-4o", 100, 20, 0.01)),
                span(1, 3, 1, "shop", "chat", 70, 20, SpanStatus.OK, llm("gpt-4o-mini", 10, 5, null)),
                span(2, 1, null, "shop", "search", 1000, 300, SpanStatus.OK, SpanFacts.NONE),
                span(2, 2, 1, "shop", "chat", 1010, 290, SpanStatus.ERROR, llm("claude-3-5-sonnet", 50, 0, 0.002)),
                span(3, 5, 3, "bank", "tools/call lookup", 2005, 40, SpanStatus.OK, tool("lookup")),
                span(3, 3, null, "bank", "pay", 2000, 50, SpanStatus.OK, SpanFacts.NONE)));
    }

    @Test
    void listsTracesWithRootTotalsAndTheirOrder() {
        threeTraces();
        List<TraceSummary> rows = traces.listTraces(TraceQuery.window(T0, T0 + HOUR, 10));

        assertThat(rows).extracting(TraceSummary::traceId).containsExactly(tid(3), tid(2), tid(1));
        TraceSummary one = rows.get(2);
        assertThat(one.rootName()).isEqualTo("checkout");
        assertThat(one.service()).isEqualTo("shop");
        assertThat(one.startNanos()).isEqualTo(T0);
        assertThat(one.durationNanos()).isEqualTo(100 * MS);
        assertThat(one.spanCount()).isEqualTo(3);
        assertThat(one.errorCount()).isZero();
        assertThat(one.models()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(one.totalTokens()).isEqualTo(135);
        assertThat(one.costUsd()).isCloseTo(0.01, within(1e-12));
        assertThat(rows.get(0).rootName()).isEqualTo("pay");
        assertThat(rows.get(0).costUsd()).isNull();
        assertThat(rows.get(1).errorCount()).isEqualTo(1);

        TraceQuery slowest = new TraceQuery(null, null, null, null, 0, T0, T0 + HOUR, TraceQuery.Order.SLOWEST, null,
                10);
        assertThat(traces.listTraces(slowest)).extracting(TraceSummary::traceId).containsExactly(tid(2), tid(1),
                tid(3));
    }

    @Test
    void filtersTracesByServiceModelToolErrorsDurationAndTime() {
        threeTraces();
        assertThat(ids(new TraceQuery("bank", null, null, null, 0, T0, T0 + HOUR, null, null, 10)))
                .containsExactly(tid(3));
        assertThat(ids(new TraceQuery(null, "gpt-4o-mini", null, null, 0, T0, T0 + HOUR, null, null, 10)))
                .containsExactly(tid(1));
        assertThat(ids(new TraceQuery(null, null, "lookup", null, 0, T0, T0 + HOUR, null, null, 10)))
                .containsExactly(tid(3));
        assertThat(ids(new TraceQuery(null, null, null, true, 0, T0, T0 + HOUR, null, null, 10)))
                .containsExactly(tid(2));
        assertThat(ids(new TraceQuery(null, null, null, false, 0, T0, T0 + HOUR, null, null, 10)))
                .containsExactly(tid(3), tid(1));
        assertThat(ids(new TraceQuery(null, null, null, null, 100 * MS, T0, T0 + HOUR, null, null, 10)))
                .containsExactly(tid(2), tid(1));
        assertThat(ids(new TraceQuery(null, null, null, null, 0, T0 + 500 * MS, T0 + 1500 * MS, null, null, 10)))
                .containsExactly(tid(2));
    }

    @Test
    void pagesThroughTracesWithAKeysetCursor() {
        List<TracedSpan> many = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            // pairs of traces share a start time, so the cursor must break ties by trace id
            many.add(span(i, 1, null, "svc", "op", (i / 2) * 10, i, SpanStatus.OK, SpanFacts.NONE));
        }
        traces.write(many);
        List<String> seen = new ArrayList<>();
        TraceQuery q = TraceQuery.window(T0, T0 + HOUR, 7);
        while (true) {
            List<TraceSummary> page = traces.listTraces(q);
            page.forEach(t -> seen.add(t.traceId()));
            if (page.size() < 7) {
                break;
            }
            TraceSummary last = page.get(page.size() - 1);
            q = q.withAfter(new TraceQuery.After(last.startNanos(), last.traceId()));
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo(tid(25));
        assertThat(seen.get(1)).isEqualTo(tid(24));
    }

    @Test
    void sumsUsageByModelAndByTimeBucket() {
        threeTraces();
        List<UsageRow> byModel = traces
                .usage(new UsageQuery(T0, T0 + HOUR, List.of(UsageQuery.Dimension.MODEL), 0, null, null));

        assertThat(byModel).extracting(r -> r.keys().get(0)).containsExactly("gpt-4o", "claude-3-5-sonnet",
                "gpt-4o-mini", null);
        UsageRow gpt = byModel.get(0);
        assertThat(gpt.bucketStartNanos()).isNull();
        assertThat(gpt.calls()).isEqualTo(1);
        assertThat(gpt.inputTokens()).isEqualTo(100);
        assertThat(gpt.outputTokens()).isEqualTo(20);
        assertThat(gpt.costUsd()).isCloseTo(0.01, within(1e-12));
        assertThat(byModel.get(1).errors()).isEqualTo(1);
        assertThat(byModel.get(2).callsWithoutCost()).isEqualTo(1);
        assertThat(byModel.get(3).calls()).isEqualTo(1); // the tool call has no model

        List<UsageRow> bySecond = traces.usage(new UsageQuery(T0, T0 + HOUR, List.of(), 1000 * MS, "shop", null));
        assertThat(bySecond).extracting(UsageRow::bucketStartNanos).containsExactly(T0, T0 + 1000 * MS);
        assertThat(bySecond).extracting(UsageRow::calls).containsExactly(2L, 1L);

        List<UsageRow> byUserAndModel = traces.usage(new UsageQuery(T0, T0 + HOUR,
                List.of(UsageQuery.Dimension.USER, UsageQuery.Dimension.PROVIDER), 0, null, "claude-3-5-sonnet"));
        assertThat(byUserAndModel).singleElement()
                .satisfies(r -> assertThat(r.keys()).containsExactly("ada", "openai"));
    }

    @Test
    void countsTheReliabilitySignalsAndLatencyPercentilesPerService() {
        List<TracedSpan> spans = new ArrayList<>();
        spans.add(span(1, 1, null, "svc", "chat", 0, 100, SpanStatus.OK,
                signals(new SpanReliability(2, true, 0.5, 0.7, true, true, true, 0.5, false, true, false))));
        spans.add(span(2, 1, null, "svc", "chat", 10, 200, SpanStatus.ERROR,
                signals(new SpanReliability(0, false, 0.65, null, false, false, false, 0.1, true, true, true))));
        spans.add(span(3, 1, null, "svc", "chat", 20, 300, SpanStatus.OK, signals(SpanReliability.NONE)));
        spans.add(span(4, 1, null, "svc", "chat", 30, 400, SpanStatus.OK,
                signals(new SpanReliability(null, null, 0.9, null, null, null, null, null, null, null, null))));
        spans.add(span(5, 1, null, "other", "chat", 30, 5, SpanStatus.OK, signals(SpanReliability.NONE)));
        spans.add(span(6, 1, null, "svc", "plain", 30, 5, SpanStatus.OK, SpanFacts.NONE)); // not a call
        traces.write(spans);

        StatsQuery q = new StatsQuery(T0, T0 + HOUR, null, StatsQuery.GroupBy.SERVICE, 0.7, 0.3);
        List<CallStats> stats = traces.callStats(q);
        assertThat(stats).extracting(CallStats::key).containsExactly("svc", "other");
        CallStats s = stats.get(0);
        assertThat(s.calls()).isEqualTo(4);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.retried()).isEqualTo(1);
        assertThat(s.fallbacks()).isEqualTo(1);
        assertThat(s.lowConfidence()).isEqualTo(2); // 0.5 < gate 0.7; 0.65 < default 0.7; 0.9 is not
        assertThat(s.withConfidence()).isEqualTo(3);
        assertThat(s.confidenceSum()).isCloseTo(2.05, within(1e-9));
        assertThat(s.gateBlocked()).isEqualTo(1);
        assertThat(s.withGate()).isEqualTo(2);
        assertThat(s.promptDiffViolations()).isEqualTo(1);
        assertThat(s.withPromptDiff()).isEqualTo(2);
        assertThat(s.shadowDisagreements()).isEqualTo(1);
        assertThat(s.withShadow()).isEqualTo(2);
        assertThat(s.deterministicFallbacks()).isEqualTo(1);
        assertThat(s.highRiskPaths()).isEqualTo(1);
        assertThat(s.goldenFailures()).isEqualTo(1);
        assertThat(s.goldenScenarios()).isEqualTo(2);
        assertThat(s.inputTokens()).isEqualTo(4);
        assertThat(s.costUsd()).isCloseTo(0.004, within(1e-12));
        assertThat(s.withCost()).isEqualTo(4);
        assertThat(s.p50Nanos()).isEqualTo(250 * MS);
        assertThat(s.p95Nanos()).isEqualTo(385 * MS);
        assertThat(s.p99Nanos()).isEqualTo(397 * MS);
        assertThat(s.durationSumNanos()).isEqualTo(1000 * MS);

        assertThat(traces.tracesWith(q, TraceSignal.LOW_CONFIDENCE, 10)).containsExactly(tid(2), tid(1));
        assertThat(traces.tracesWith(q, TraceSignal.GOLDEN_FAILURE, 10)).containsExactly(tid(1));
        assertThat(traces.tracesWith(q, TraceSignal.ERROR, 10)).containsExactly(tid(2));
        assertThat(traces.tracesWith(q, TraceSignal.PROMPT_DIFF_VIOLATION, 1)).containsExactly(tid(1));

        StatsQuery byModel = new StatsQuery(T0, T0 + HOUR, "svc", StatsQuery.GroupBy.MODEL, 0.7, 0.3);
        assertThat(traces.callStats(byModel)).singleElement().satisfies(m -> {
            assertThat(m.key()).isEqualTo("gpt-4o");
            assertThat(m.calls()).isEqualTo(4);
        });
    }

    @Test
    void findsTheTracesOfTheCostliestCalls() {
        threeTraces();
        StatsQuery q = new StatsQuery(T0, T0 + HOUR, null, StatsQuery.GroupBy.SERVICE, 0.7, 0.3);

        assertThat(traces.costliestTraces(q, 10)).containsExactly(tid(1), tid(2));
        assertThat(traces.costliestTraces(q, 1)).containsExactly(tid(1));
    }

    @Test
    void groupsFailedSpansByErrorSignature() {
        List<TracedSpan> spans = new ArrayList<>();
        SpanFacts rateLimit = new SpanFacts(null, null, null, null, null, null, null, false, null, null, "RateLimit",
                null);
        for (int i = 1; i <= 4; i++) {
            spans.add(span(i, 1, null, "svc", "chat", i * 10, 5, SpanStatus.ERROR, rateLimit));
        }
        spans.add(span(4, 2, 1, "svc", "chat", 45, 5, SpanStatus.ERROR, rateLimit)); // same trace again
        spans.add(span(9, 1, null, "svc", "pay", 5, 5, SpanStatus.ERROR, SpanFacts.NONE));
        spans.add(span(10, 1, null, "svc", "ok", 5, 5, SpanStatus.OK, SpanFacts.NONE));
        traces.write(spans);

        List<ErrorGroup> groups = traces.errorGroups(T0, T0 + HOUR, null, 10, 3);
        assertThat(groups).hasSize(2);
        ErrorGroup top = groups.get(0);
        assertThat(top.name()).isEqualTo("chat");
        assertThat(top.errorType()).isEqualTo("RateLimit");
        assertThat(top.count()).isEqualTo(5);
        assertThat(top.lastSeenNanos()).isEqualTo(T0 + 45 * MS);
        assertThat(top.traceIds()).containsExactly(tid(4), tid(3), tid(2));
        assertThat(top.message()).isEqualTo("boom 2");
        assertThat(groups.get(1).errorType()).isNull();
        assertThat(traces.errorGroups(T0, T0 + HOUR, "nobody", 10, 3)).isEmpty();
    }

    @Test
    void retentionDeletesSpansThatStartedBeforeTheCutoff() {
        threeTraces();
        long deleted = traces.deleteBefore(T0 + 1000 * MS);

        assertThat(deleted).isEqualTo(3);
        assertThat(traces.trace(tid(1))).isEmpty();
        assertThat(traces.countSpans()).isEqualTo(4);
    }

    List<String> ids(TraceQuery q) {
        return traces.listTraces(q).stream().map(TraceSummary::traceId).toList();
    }
}
