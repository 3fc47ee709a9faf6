package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.ApmQuery;
import dev.observatory.model.trace.OperationTime;
import dev.observatory.model.trace.SelfTimes;
import dev.observatory.model.trace.ServiceEdge;
import dev.observatory.model.trace.ServiceStats;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanBucket;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.TraceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The APM aggregates of the trace store over four traces of known shape, 30 s apart:
 *
 * <pre>
 * gateway  SERVER "GET /checkout"      [0, 100+10i] ms (root)
 *   gateway CLIENT "orders.create"     [5, 95]
 *     orders SERVER "POST /orders"     [10, 90]
 *       orders CLIENT "payments.charge" [15, 25+10i]
 *         payments SERVER "charge"     [16, 24+10i]  (ERROR in trace 0)
 *       orders INTERNAL "db.query"     [60, 80]
 * </pre>
 */
abstract class ApmContract extends StorageFixture {

    static final long T0 = T0_MS * 1_000_000;
    static final long MS = 1_000_000;
    static final long END = T0 + 10 * 60_000 * MS;

    TraceStore traces;

    @BeforeEach
    void load() {
        traces = storage.traces();
        List<TracedSpan> spans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long base = i * 30_000L;
            int t = i + 1;
            spans.add(span(t, 1, 0, "gateway", "GET /checkout", SpanKind.SERVER, base, base + 100 + 10 * i, false));
            spans.add(span(t, 2, 1, "gateway", "orders.create", SpanKind.CLIENT, base + 5, base + 95, false));
            spans.add(span(t, 3, 2, "orders", "POST /orders", SpanKind.SERVER, base + 10, base + 90, false));
            spans.add(
                    span(t, 4, 3, "orders", "payments.charge", SpanKind.CLIENT, base + 15, base + 25 + 10 * i, false));
            spans.add(span(t, 5, 4, "payments", "charge", SpanKind.SERVER, base + 16, base + 24 + 10 * i, i == 0));
            spans.add(span(t, 6, 3, "orders", "db.query", SpanKind.INTERNAL, base + 60, base + 80, false));
        }
        traces.write(spans);
    }

    static TracedSpan span(int trace, int span, int parent, String service, String name, SpanKind kind, long startMs,
            long endMs, boolean failed) {
        return new TracedSpan(new Span(String.format("%032x", trace), String.format("%016x", span),
                parent == 0 ? null : String.format("%016x", parent), service, name, kind, T0 + startMs * MS,
                T0 + endMs * MS, failed ? SpanStatus.ERROR : SpanStatus.OK, failed ? "declined" : null, Map.of(),
                Map.of(), "", "", List.of(), List.of()), SpanFacts.NONE);
    }

    @Test
    void servicesOfTheWindowAreListedByName() {
        assertThat(traces.services(T0, END, 10)).containsExactly("gateway", "orders", "payments");
        assertThat(traces.services(T0, END, 2)).containsExactly("gateway", "orders");
        assertThat(traces.services(END, END + MS, 10)).isEmpty();
    }

    @Test
    void serviceStatsCountEntrySpansWithErrorsAndPercentiles() {
        List<ServiceStats> rows = traces.serviceStats(ApmQuery.window(T0, END), false, 10);
        assertThat(rows).extracting(ServiceStats::service).containsExactly("gateway", "orders", "payments");
        ServiceStats gateway = rows.get(0);
        assertThat(gateway.requests()).isEqualTo(4); // the CLIENT span is not a request
        assertThat(gateway.operation()).isNull();
        assertThat(gateway.errors()).isZero();
        assertThat(gateway.p50Nanos()).isEqualTo(115 * MS);
        assertThat(gateway.p95Nanos()).isEqualTo(128_500_000L);
        assertThat(gateway.p99Nanos()).isEqualTo(129_700_000L);
        assertThat(gateway.durationSumNanos()).isEqualTo(460 * MS);
        assertThat(rows.get(2).errors()).isEqualTo(1);
        assertThat(rows.get(2).p50Nanos()).isEqualTo(23 * MS);

        List<ServiceStats> byOp = traces.serviceStats(new ApmQuery(T0, END, "orders", null), true, 10);
        assertThat(byOp).singleElement().satisfies(r -> {
            assertThat(r.operation()).isEqualTo("POST /orders");
            assertThat(r.requests()).isEqualTo(4);
        });
        List<ServiceStats> late = traces.serviceStats(ApmQuery.window(T0 + 30_000 * MS, END), false, 1);
        assertThat(late).singleElement().satisfies(r -> assertThat(r.requests()).isEqualTo(3));
    }

    @Test
    void edgesAreCallsWhoseParentIsInAnotherService() {
        List<ServiceEdge> edges = traces.serviceEdges(ApmQuery.window(T0, END), 10);
        assertThat(edges).extracting(e -> e.caller() + "->" + e.callee()).containsExactly("gateway->orders",
                "orders->payments");
        ServiceEdge pay = edges.get(1);
        assertThat(pay.calls()).isEqualTo(4);
        assertThat(pay.errors()).isEqualTo(1);
        assertThat(pay.p50Nanos()).isEqualTo(23 * MS);
        assertThat(pay.p95Nanos()).isEqualTo(36_500_000L);
        assertThat(pay.durationSumNanos()).isEqualTo(92 * MS);
        assertThat(edges.get(0).p50Nanos()).isEqualTo(80 * MS);

        assertThat(traces.serviceEdges(new ApmQuery(T0, END, "payments", null), 10)).singleElement()
                .satisfies(e -> assertThat(e.caller()).isEqualTo("orders"));
        assertThat(traces.serviceEdges(ApmQuery.window(T0, END), 1)).hasSize(1);
        // children in the window whose parents started before it (within the lookback) still count
        assertThat(traces.serviceEdges(ApmQuery.window(T0 + 10 * MS, T0 + 20 * MS), 10))
                .extracting(e -> e.caller() + "->" + e.callee() + ":" + e.calls())
                .containsExactly("gateway->orders:1", "orders->payments:1");
    }

    @Test
    void selfTimeIsDurationMinusDirectChildrenSummedPerOperation() {
        SelfTimes all = traces.selfTimes(ApmQuery.window(T0, END), 0, 10);
        assertThat(all.traces()).isEqualTo(4);
        assertThat(all.thresholdNanos()).isZero();
        assertThat(all.operations()).extracting(o -> o.operation() + "=" + o.selfSumNanos() / MS).containsExactly(
                "POST /orders=140", "GET /checkout=100", "charge=92", "db.query=80", "orders.create=40",
                "payments.charge=8");
        OperationTime orders = all.operations().get(0);
        assertThat(orders.service()).isEqualTo("orders");
        assertThat(orders.spans()).isEqualTo(4);
        assertThat(orders.traces()).isEqualTo(4);
        assertThat(orders.durationSumNanos()).isEqualTo(320 * MS);
        assertThat(orders.maxSelfNanos()).isEqualTo(50 * MS);

        SelfTimes tail = traces.selfTimes(ApmQuery.window(T0, END), 0.75, 3);
        assertThat(tail.traces()).isEqualTo(1);
        assertThat(tail.thresholdNanos()).isEqualTo(122_500_000L);
        assertThat(tail.operations()).extracting(o -> o.operation() + "=" + o.selfSumNanos() / MS)
                .containsExactly("GET /checkout=40", "charge=38", "POST /orders=20");

        SelfTimes payments = traces.selfTimes(new ApmQuery(T0, END, "payments", null), 0, 10);
        assertThat(payments.operations()).singleElement().satisfies(o -> assertThat(o.traces()).isEqualTo(4));
        SelfTimes none = traces.selfTimes(new ApmQuery(T0, END, "nobody", null), 0, 10);
        assertThat(none.operations()).isEmpty();
        assertThat(none.traces()).isEqualTo(4);
    }

    @Test
    void requestsAreBucketedByStartTime() {
        List<SpanBucket> all = traces.spanBuckets(ApmQuery.window(T0, END), 60_000 * MS);
        assertThat(all).extracting(SpanBucket::startNanos).containsExactly(T0, T0 + 60_000 * MS);
        assertThat(all).extracting(SpanBucket::requests).containsExactly(6L, 6L);
        List<SpanBucket> pay = traces.spanBuckets(new ApmQuery(T0, END, "payments", "charge"), 60_000 * MS);
        assertThat(pay.get(0).requests()).isEqualTo(2);
        assertThat(pay.get(0).errors()).isEqualTo(1);
        assertThat(pay.get(0).p50Nanos()).isEqualTo(13 * MS);
        assertThat(pay.get(1).errors()).isZero();
    }
}
