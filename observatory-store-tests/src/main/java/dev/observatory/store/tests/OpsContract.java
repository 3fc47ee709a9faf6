package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import dev.observatory.model.slo.LatencyBuckets;
import dev.observatory.model.slo.OpsDocument;
import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliQuery;
import dev.observatory.model.slo.SliSelector;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.OpsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SLO and alerting store: SLI counts with rollups, documents, the delivery log. */
abstract class OpsContract extends StorageFixture {
    static final long T0 = T0_MS * 1_000_000;
    static final long MS = 1_000_000;
    static final long MINUTE = 60_000 * MS;

    OpsStore ops;

    @BeforeEach
    void ops() {
        ops = storage.ops();
    }

    /** One span a minute for two hours on "api" (every 10th failed, durations 10 ms .. 3 s), "worker" besides. */
    private void writeSpans() {
        List<TracedSpan> spans = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long duration = (i % 4 == 0 ? 3_000 : i % 4 == 1 ? 2_000 : i % 4 == 2 ? 250 : 10) * MS;
            SpanStatus status = i % 10 == 0 ? SpanStatus.ERROR : SpanStatus.OK;
            spans.add(span(i, "api", i % 2 == 0 ? "GET /a" : "GET /b", T0 + i * MINUTE, duration, status,
                    i % 3 == 0 ? "gpt-4o" : null));
            spans.add(span(1000 + i, "worker", "job", T0 + i * MINUTE + 1, 5 * MS, SpanStatus.OK, null));
        }
        storage.traces().write(spans);
    }

    private static TracedSpan span(int n, String service, String name, long start, long duration, SpanStatus status,
            String model) {
        Span s = new Span(String.format("%032x", n + 1), String.format("%016x", n + 1), null, service, name,
                SpanKind.SERVER, start, start + duration, status, null, Map.of(), Map.of(), "", "", List.of(),
                List.of());
        return new TracedSpan(s,
                new SpanFacts(null, null, model, null, null, null, null, false, null, null, null, null));
    }

    private SliCounts api(long from, long to) {
        return ops.sli(new SliQuery(SliSelector.service("api"), from, to));
    }

    @Test
    void sliCountsSpansFailuresAndLatencyOfTheSelector() {
        writeSpans();
        SliCounts all = api(T0, T0 + 120 * MINUTE);
        assertThat(all.total()).isEqualTo(120);
        assertThat(all.errors()).isEqualTo(12);
        assertThat(all.bucket(LatencyBuckets.index(2_000 * MS))).isEqualTo(30);
        assertThat(all.bucket(LatencyBuckets.index(3_000 * MS))).isEqualTo(30);
        assertThat(ops.sli(new SliQuery(new SliSelector("api", "GET /a", "SERVER", null, null), T0, T0 + 120 * MINUTE))
                .total()).isEqualTo(60);
        assertThat(
                ops.sli(new SliQuery(new SliSelector(null, null, null, null, "gpt-4o"), T0, T0 + 120 * MINUTE)).total())
                        .isEqualTo(40);
        assertThat(ops.sli(new SliQuery(new SliSelector("api", null, "CLIENT", null, null), T0, T0 + 120 * MINUTE))
                .total()).isZero();
    }

    @Test
    void sliIsTheSameBeforeAndAfterTheRollUpForAlignedAndUnalignedWindows() {
        writeSpans();
        long[][] windows = { { T0, T0 + 120 * MINUTE }, { T0 + 7 * MINUTE, T0 + 93 * MINUTE },
                { T0 + 61 * MINUTE, T0 + 62 * MINUTE }, { T0 - 60 * MINUTE, T0 + 500 * MINUTE } };
        List<SliCounts> before = new ArrayList<>();
        for (long[] w : windows) {
            before.add(api(w[0], w[1]));
        }
        assertThat(ops.rolledUpTo()).isEqualTo(Long.MIN_VALUE);
        long watermark = ops.rollUp(T0 + 100 * MINUTE + 17);
        assertThat(watermark).isEqualTo(T0 + 100 * MINUTE);
        assertThat(ops.rolledUpTo()).isEqualTo(watermark);
        for (int i = 0; i < windows.length; i++) {
            assertThat(api(windows[i][0], windows[i][1])).as("window %d", i).isEqualTo(before.get(i));
        }
        assertThat(ops.rollUp(T0)).as("never moves back").isEqualTo(watermark);
        assertThat(ops.rollUp(T0 + 200 * MINUTE)).isEqualTo(T0 + 200 * MINUTE);
        assertThat(api(T0 + 7 * MINUTE, T0 + 93 * MINUTE)).isEqualTo(before.get(1));
    }

    @Test
    void hourlyRollupsGiveTheSameCountsOverLongWindows() {
        List<TracedSpan> spans = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            spans.add(span(i, "api", "GET /a", T0 + i * MINUTE + 3, (i % 7 + 1) * 100 * MS,
                    i % 9 == 0 ? SpanStatus.ERROR : SpanStatus.OK, null));
        }
        storage.traces().write(spans);
        long[][] windows = { { T0 + 7 * MINUTE, T0 + 350 * MINUTE }, { T0 + 61 * MINUTE, T0 + 240 * MINUTE },
                { T0, T0 + 360 * MINUTE }, { T0 + 119 * MINUTE, T0 + 121 * MINUTE } };
        List<SliCounts> before = new ArrayList<>();
        for (long[] w : windows) {
            before.add(api(w[0], w[1]));
        }
        ops.rollUp(T0 + 150 * MINUTE);
        ops.rollUp(T0 + 317 * MINUTE); // the hour [T0+2h, T0+3h) is finished by the second roll-up
        for (int i = 0; i < windows.length; i++) {
            assertThat(api(windows[i][0], windows[i][1])).as("window %d", i).isEqualTo(before.get(i));
        }
        assertThat(before.get(2).total()).isEqualTo(360);
        assertThat(before.get(2).errors()).isEqualTo(40);
    }

    @Test
    void sliAllOfOverlappingWindowsWithUnalignedEdgesEqualsCountingTheRawSpans() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<TracedSpan> spans = new ArrayList<>();
        long day = 24 * 60 * MINUTE;
        for (int i = 0; i < 3000; i++) {
            long start = T0 + random.nextLong(4 * day);
            long duration = (long) (Math.exp(random.nextDouble(1, 9)) * MS);
            spans.add(span(i, i % 3 == 0 ? "worker" : "api", "GET /" + i % 4, start, duration,
                    random.nextInt(20) == 0 ? SpanStatus.ERROR : SpanStatus.OK, null));
        }
        storage.traces().write(spans);
        long now = T0 + 3 * day + 317 * MINUTE + 13_000 * MS + 7;
        List<SliQuery> queries = new ArrayList<>();
        for (long minutes : new long[] { 5, 30, 60, 120, 360, 1440, 4320, 30 * 1440 }) {
            queries.add(new SliQuery(SliSelector.service("api"), now - minutes * MINUTE, now));
        }
        queries.add(new SliQuery(SliSelector.service("worker"), now - 1440 * MINUTE, now));
        queries.add(new SliQuery(new SliSelector("api", "GET /2", null, null, null), now - 4320 * MINUTE, now));
        queries.add(new SliQuery(SliSelector.service("api"), T0 + 7 * MINUTE + 3, T0 + 121 * MINUTE));
        queries.add(new SliQuery(SliSelector.service("api"), now - 2 * MINUTE, now + 9 * day));
        queries.add(new SliQuery(SliSelector.service("api"), now, now));
        List<SliCounts> expected = queries.stream().map(q -> countRaw(spans, q)).toList();
        assertThat(expected.get(5).total()).as("the data set has edge effects to get right").isGreaterThan(500);
        assertThat(ops.sliAll(queries)).as("no rollups yet").isEqualTo(expected);
        ops.rollUp(now - 2 * day - 17 * MINUTE);
        assertThat(ops.sliAll(queries)).as("after a first roll-up").isEqualTo(expected);
        ops.rollUp(now - 10 * MINUTE);
        assertThat(ops.sliAll(queries)).as("rolled up to 10 minutes before now").isEqualTo(expected);
        assertThat(queries.stream().map(ops::sli).toList()).isEqualTo(expected);
        assertThat(ops.sliAll(List.of())).isEmpty();
    }

    /** The SLI counts of a window computed from the spans themselves. */
    private static SliCounts countRaw(List<TracedSpan> spans, SliQuery q) {
        long[] latency = new long[LatencyBuckets.COUNT];
        long total = 0;
        long errors = 0;
        for (TracedSpan t : spans) {
            Span s = t.span();
            SliSelector sel = q.selector();
            if (s.startNanos() >= q.fromNanos() && s.startNanos() < q.toNanos() && s.service().equals(sel.service())
                    && (sel.route() == null || sel.route().equals(s.name()))) {
                latency[LatencyBuckets.index(s.durationNanos())]++;
                total++;
                errors += s.status() == SpanStatus.ERROR ? 1 : 0;
            }
        }
        return new SliCounts(total, errors, latency);
    }

    @Test
    void rollUpReadsTheRollupsNotTheSpansBelowTheWatermark() {
        writeSpans();
        ops.rollUp(T0 + 60 * MINUTE);
        storage.traces().write(List.of(span(5000, "api", "late", T0 + 30 * MINUTE, MS, SpanStatus.OK, null)));
        assertThat(api(T0, T0 + 60 * MINUTE).total()).as("late span below the watermark").isEqualTo(60);
        assertThat(api(T0 + 30 * MINUTE, T0 + 30 * MINUTE + 1).total()).as("raw window of the late span").isEqualTo(2);
    }

    @Test
    void rollUpOfAnEmptyStoreStartsAtTheGivenTime() {
        assertThat(ops.rollUp(T0 + 7 * MINUTE)).isEqualTo(T0 + 5 * MINUTE);
        assertThat(api(T0, T0 + 60 * MINUTE)).isEqualTo(SliCounts.empty());
    }

    @Test
    void documentsAreReplacedListedByIdAndDeleted() {
        ops.put(new OpsDocument("slo", "b", "{\"v\":1}", 1));
        ops.put(new OpsDocument("slo", "a", "{\"v\":2}", 2));
        ops.put(new OpsDocument("rule", "a", "{}", 3));
        ops.put(new OpsDocument("slo", "b", "{\"v\":3}", 4));
        assertThat(ops.list("slo")).extracting(OpsDocument::id).containsExactly("a", "b");
        assertThat(ops.get("slo", "b")).hasValue(new OpsDocument("slo", "b", "{\"v\":3}", 4));
        assertThat(ops.get("slo", "c")).isEmpty();
        assertThat(ops.delete("slo", "a")).isTrue();
        assertThat(ops.delete("slo", "a")).isFalse();
        assertThat(ops.list("slo")).hasSize(1);
        assertThat(ops.list("rule")).hasSize(1);
    }

    @Test
    void deliveryLogIsNewestFirstAndFiltered() {
        ops.logDelivery(List.of(new Delivery(10, "file", "k1", "r", "firing", "delivered", 1, null),
                new Delivery(20, "hook", "k1", "r", "firing", "failed", 3, "HTTP 500"),
                new Delivery(30, "hook", "k2", "r", "resolved", "delivered", 1, "HTTP 200")));
        assertThat(ops.deliveries(new DeliveryQuery(0, null, null, 10))).extracting(Delivery::atMs).containsExactly(30L,
                20L, 10L);
        assertThat(ops.deliveries(new DeliveryQuery(0, "hook", "failed", 10))).singleElement()
                .isEqualTo(new Delivery(20, "hook", "k1", "r", "firing", "failed", 3, "HTTP 500"));
        assertThat(ops.deliveries(new DeliveryQuery(15, null, null, 1))).extracting(Delivery::atMs)
                .containsExactly(30L);
    }
}
