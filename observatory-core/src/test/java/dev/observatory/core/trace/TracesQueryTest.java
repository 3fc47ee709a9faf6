package dev.observatory.core.trace;

import static dev.observatory.core.trace.SpanFixtures.T0;
import static dev.observatory.core.trace.SpanFixtures.chat;
import static dev.observatory.core.trace.SpanFixtures.span;
import static dev.observatory.core.trace.SpanFixtures.spanId;
import static dev.observatory.core.trace.SpanFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.core.Auditor;
import dev.observatory.core.InvalidCursorException;
import dev.observatory.core.Tracking;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracesQueryTest {
    final Instant now = Instant.ofEpochSecond(0, T0).plusSeconds(600);
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Traces traces = new Traces(new Tracking(store, clock, false, auditor),
            TraceSettings.of(null, "avg_cost_usd=1", 30));

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    @Test
    void pagesThroughTracesWithCursorsAndRefusesAForeignCursor() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            spans.add(span(i, 1, null, "root", i * 10, 5, Map.of()));
        }
        traces.ingest(spans);
        List<String> seen = new ArrayList<>();
        TraceListRequest r = TraceListRequest.recent(5);
        TracePage page;
        do {
            page = traces.listTraces(r);
            page.items().forEach(t -> seen.add(t.traceId()));
            r = r.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);

        assertThat(seen).hasSize(12).doesNotHaveDuplicates().startsWith(traceId(12), traceId(11));
        String cursor = traces.listTraces(TraceListRequest.recent(5)).nextCursor();
        TraceListRequest other = new TraceListRequest("other", null, null, null, null, null, null, null, 5, cursor);
        assertThatThrownBy(() -> traces.listTraces(other)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> traces.listTraces(TraceListRequest.recent(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getTraceReturnsACompactTreeWithTheCriticalPathAndExpandsOnlyRequestedSpans() {
        traces.ingest(List.of(span(1, 1, null, "checkout", 0, 100, Map.of()),
                span(1, 2, 1, "fetch cart", 5, 20, Map.of("db", "cart")),
                span(1, 3, 1, "chat", 30, 65, chat("gpt-4o", 10, 5)),
                span(1, 4, 3, "tool", 40, 50, Map.of("gen_ai.tool.name", "search")),
                span(1, 5, 99, "orphan", 2, 1, Map.of())));

        TraceView v = traces.getTrace(traceId(1).toUpperCase(), Set.of(spanId(2)));
        assertThat(v.nodes()).extracting(SpanNode::name).containsExactly("checkout", "fetch cart", "chat", "tool",
                "orphan");
        assertThat(v.nodes()).extracting(SpanNode::depth).containsExactly(0, 1, 1, 2, 0);
        assertThat(v.criticalPath()).containsExactly(spanId(1), spanId(3), spanId(4));
        assertThat(v.nodes().get(2).critical()).isTrue();
        assertThat(v.nodes().get(2).model()).isEqualTo("gpt-4o");
        assertThat(v.nodes().get(2).durationMs()).isEqualTo(65.0);
        assertThat(v.expanded()).singleElement()
                .satisfies(s -> assertThat(s.span().attributes()).containsEntry("db", "cart"));
        assertThat(v.summary().spanCount()).isEqualTo(5);
        assertThat(v.summary().rootName()).isEqualTo("checkout");
        assertThatThrownBy(() -> traces.getTrace(traceId(404), Set.of())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> traces.getTrace("nope", Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 hex");
    }

    @Test
    void aParentCycleDoesNotHideSpans() {
        traces.ingest(List.of(span(2, 1, 2, "a", 0, 10, Map.of()), span(2, 2, 1, "b", 1, 5, Map.of())));
        assertThat(traces.getTrace(traceId(2), Set.of()).nodes()).hasSize(2);
    }

    @Test
    void sumsUsageByModel() {
        traces.ingest(List.of(span(1, 1, null, "chat", 0, 10, chat("gpt-4o", 1000, 100)),
                span(2, 1, null, "chat", 10, 10, chat("gpt-4o", 1000, 100)),
                span(3, 1, null, "chat", 20, 10, chat("mystery-model", 5, 5))));

        List<UsageRow> rows = traces.usage(null, null, List.of(UsageQuery.Dimension.MODEL), null, null, null);
        assertThat(rows).extracting(r -> r.keys().get(0)).containsExactly("gpt-4o", "mystery-model");
        assertThat(rows.get(0).inputTokens()).isEqualTo(2000);
        assertThat(rows.get(0).costUsd()).isCloseTo(2 * (0.0025 + 0.001), within(1e-12));
        assertThat(rows.get(1).callsWithoutCost()).isEqualTo(1);
    }

    @Test
    void snapshotComputesTheNamedRatesAndAlertsNameTheirTraces() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Map<String, Object> a = chat("gpt-4o", 100, 10);
            a.put("observatory.fallback_used", i <= 3);
            a.put("observatory.confidence", i <= 5 ? 0.5 : 0.9);
            a.put("observatory.golden_scenario", i == 1);
            a.put("observatory.golden_passed", false);
            spans.add(span(i, 1, null, "chat", i * 1000L, i * 10L, a));
        }
        traces.ingest(spans);

        MetricsSnapshot snap = traces.snapshot(null, null, null);
        Map<String, Double> m = snap.services().get(0).metrics();
        assertThat(snap.services().get(0).service()).isEqualTo("shop");
        assertThat(m.get("calls")).isEqualTo(10.0);
        assertThat(m.get("fallback_rate")).isEqualTo(0.3);
        assertThat(m.get("low_confidence_rate")).isEqualTo(0.5);
        assertThat(m.get("golden_financial_failure_rate")).isEqualTo(1.0);
        assertThat(m.get("shadow_disagreement_rate")).isNull();
        assertThat(m.get("error_rate")).isEqualTo(0.0);
        assertThat(m.get("p50_latency_ms")).isEqualTo(55.0);
        assertThat(m.get("cost_per_hour_usd")).isCloseTo(10 * 0.00035, within(1e-9));
        assertThat(m.get("tokens_per_second")).isCloseTo(1100 / 3600.0, within(1e-9));

        List<Alert> alerts = traces.activeAlerts(null, null, "shop");
        assertThat(alerts).extracting(Alert::metric).containsExactlyInAnyOrder("fallback_rate", "low_confidence_rate",
                "golden_financial_failure_rate");
        Alert fallback = alerts.stream().filter(a -> a.metric().equals("fallback_rate")).findFirst().orElseThrow();
        assertThat(fallback.threshold()).isEqualTo(0.10);
        assertThat(fallback.traceIds()).containsExactly(traceId(3), traceId(2), traceId(1));
        assertThat(traces.activeAlerts(null, null, "nobody")).isEmpty();
    }

    @Test
    void comparesModelsSideBySide() {
        traces.ingest(List.of(span(1, 1, null, "chat", 0, 100, chat("gpt-4o", 100, 10)),
                span(2, 1, null, "chat", 0, 300, chat("claude-3-5-haiku", 100, 10)),
                new Span(traceId(3), spanId(1), null, "shop", "chat", SpanKind.CLIENT, T0, T0 + 1, SpanStatus.ERROR,
                        "boom", chat("claude-3-5-haiku", 1, 1), null, null, null, null, null)));

        List<ModelComparison> rows = traces.compareModels(null, null, null, List.of());
        assertThat(rows).extracting(ModelComparison::model).containsExactly("claude-3-5-haiku", "gpt-4o");
        assertThat(rows.get(0).errorRate()).isEqualTo(0.5);
        assertThat(rows.get(1).p50LatencyMs()).isEqualTo(100.0);
        assertThat(traces.compareModels(null, null, null, List.of("gpt-4o"))).hasSize(1);
    }

    @Test
    void groupsErrorsAndFindsSlowTraces() {
        traces.ingest(List.of(new Span(traceId(1), spanId(1), null, "shop", "pay", SpanKind.SERVER, T0, T0 + 5_000_000,
                SpanStatus.ERROR, "card declined", Map.of("error.type", "Declined"), null, null, null, null, null),
                span(2, 1, null, "slow", 0, 900, Map.of())));

        assertThat(traces.errorGroups(null, null, null, 10)).singleElement()
                .satisfies(g -> assertThat(g.errorType()).isEqualTo("Declined"));
        TraceListRequest slow = new TraceListRequest(null, null, null, null, Duration.ofMillis(500), null, null,
                TraceQuery.Order.SLOWEST, 10, null);
        assertThat(traces.listTraces(slow).items()).extracting(TraceSummary::rootName).containsExactly("slow");
    }

    @Test
    void retentionDeletesSpansOlderThanTheSetting() {
        Instant old = now.minus(Duration.ofDays(31));
        long oldNanos = old.getEpochSecond() * 1_000_000_000L;
        Traces keepForever = new Traces(new Tracking(store, clock, false, auditor), TraceSettings.of(null, null, 0));
        keepForever.ingest(List.of(
                new Span(traceId(1), spanId(1), null, "s", "old", SpanKind.INTERNAL, oldNanos, oldNanos + 1,
                        SpanStatus.OK, null, null, null, null, null, null, null),
                span(2, 1, null, "new", 0, 1, Map.of())));
        assertThat(keepForever.applyRetention()).isZero();
        assertThat(store.traces().countSpans()).isEqualTo(2);

        assertThat(traces.applyRetention()).isEqualTo(1);
        assertThat(store.traces().countSpans()).isEqualTo(1);
    }
}
