package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.ApmQuery;
import dev.observatory.model.trace.ServiceEdge;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanLink;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.TraceStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trace store's fast read paths (session 5): a trace's outline (details only for the spans asked for) and the
 * service map from the parent's service recorded at write time, which must equal the parent/child join whatever batches
 * parents and children arrive in.
 */
abstract class TraceReadPathContract extends StorageFixture {

    static final long T0 = T0_MS * 1_000_000;
    static final long MS = 1_000_000;
    static final String[] SERVICES = { "gateway", "orders", "payments", "search" };
    static final Comparator<String> BY_EDGE = Comparator.comparing(s -> s.substring(0, s.indexOf(' ')));

    TraceStore traces;

    @BeforeEach
    void traces() {
        traces = storage.traces();
    }

    static Span span(int trace, int span, Integer parent, String service, long startMs, long durationMs,
            boolean failed) {
        return new Span(String.format("%032x", trace), String.format("%016x", span),
                parent == null ? null : String.format("%016x", parent), service, "op " + span % 3,
                span == 1 ? SpanKind.SERVER : SpanKind.CLIENT, T0 + startMs * MS, T0 + (startMs + durationMs) * MS,
                failed ? SpanStatus.ERROR : SpanStatus.OK, failed ? "boom" : null, Map.of("n", (long) span),
                Map.of("service.name", service), "scope", "1", List.of(new SpanEvent("e", T0 + startMs * MS, Map.of())),
                List.of(new SpanLink(String.format("%032x", trace + 1), String.format("%016x", 9), Map.of())));
    }

    static TracedSpan traced(Span s) {
        return new TracedSpan(s, SpanFacts.NONE);
    }

    @Test
    void anOutlineCarriesAttributesEventsAndLinksOnlyForTheSpansAskedFor() {
        List<TracedSpan> written = List.of(traced(span(5, 1, null, "gateway", 0, 100, false)),
                traced(span(5, 2, 1, "orders", 10, 50, true)), traced(span(5, 3, 2, "payments", 20, 10, false)));
        traces.write(written);
        List<TracedSpan> full = traces.trace(String.format("%032x", 5));
        String detailed = String.format("%016x", 2);

        List<TracedSpan> outline = traces.traceOutline(String.format("%032x", 5), Set.of(detailed));

        assertThat(outline).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Span o = outline.get(i).span();
            Span f = full.get(i).span();
            assertThat(outline.get(i).facts()).isEqualTo(full.get(i).facts());
            if (o.spanId().equals(detailed)) {
                assertThat(o).isEqualTo(f);
                assertThat(o.events()).hasSize(1);
                continue;
            }
            assertThat(o.attributes()).isEmpty();
            assertThat(o.resource()).isEmpty();
            assertThat(o.events()).isEmpty();
            assertThat(o.links()).isEmpty();
            assertThat(new Span(f.traceId(), f.spanId(), f.parentSpanId(), f.service(), f.name(), f.kind(),
                    f.startNanos(), f.endNanos(), f.status(), f.statusMessage(), Map.of(), Map.of(), f.scope(),
                    f.scopeVersion(), List.of(), List.of())).isEqualTo(o);
        }
        assertThat(traces.traceOutline(String.format("%032x", 5), Set.of())).extracting(t -> t.span().attributes())
                .allSatisfy(a -> assertThat(a).isEmpty());
        assertThat(traces.traceOutline(String.format("%032x", 404), Set.of())).isEmpty();
    }

    @Test
    void aSkeletonCarriesWhatTheTreeShowsInTraceOrder() {
        SpanFacts call = new SpanFacts("chat", "openai", "gpt-4o", null, "u1", 120L, 30L, true, 0.25, "list price",
                "Timeout", null);
        SpanFacts tool = new SpanFacts("execute_tool", null, null, "search", null, null, 7L, false, null, null, null,
                null);
        traces.write(List.of(new TracedSpan(span(6, 3, 1, "payments", 20, 10, true), call),
                new TracedSpan(span(6, 1, null, "gateway", 0, 100, false), SpanFacts.NONE),
                new TracedSpan(span(6, 2, 1, "orders", 10, 50, false), tool)));
        List<TracedSpan> full = traces.trace(String.format("%032x", 6));

        List<TracedSpan> skeleton = traces.traceSkeleton(String.format("%032x", 6));

        assertThat(skeleton).extracting(t -> t.span().spanId())
                .containsExactlyElementsOf(full.stream().map(t -> t.span().spanId()).toList());
        for (int i = 0; i < full.size(); i++) {
            Span o = skeleton.get(i).span();
            Span f = full.get(i).span();
            SpanFacts of = skeleton.get(i).facts();
            SpanFacts ff = full.get(i).facts();
            assertThat(List.of(o.traceId(), o.spanId(), String.valueOf(o.parentSpanId()), o.service(), o.name(),
                    o.kind(), o.status(), o.startNanos(), o.endNanos()))
                            .isEqualTo(List.of(f.traceId(), f.spanId(), String.valueOf(f.parentSpanId()), f.service(),
                                    f.name(), f.kind(), f.status(), f.startNanos(), f.endNanos()));
            assertThat(Arrays.asList(of.model(), of.toolName(), of.inputTokens(), of.outputTokens(), of.costUsd(),
                    of.errorType()))
                            .isEqualTo(Arrays.asList(ff.model(), ff.toolName(), ff.inputTokens(), ff.outputTokens(),
                                    ff.costUsd(), ff.errorType()));
        }
        assertThat(skeleton.get(2).facts().totalTokens()).isEqualTo(150L);
        assertThat(traces.traceSkeleton(String.format("%032x", 404))).isEmpty();
    }

    /**
     * A skeleton larger than one fetched chunk (2,048 rows), many spans starting at the same nanosecond, non-ASCII
     * names, and a second trace whose numeric key (the last 15 hex digits) is the same: the skeleton holds exactly the
     * trace's spans, in the full read's order (start, then span id), with the same text.
     */
    @Test
    void aLargeSkeletonKeepsTheFullReadsOrderAndTextAndOnlyItsOwnTrace() {
        String id = "00000000000000010000000000000077";
        String twin = "00000000000000020000000000000077"; // same last 15 hex digits: the same trace key
        SplittableRandom r = new SplittableRandom(7);
        List<TracedSpan> spans = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            long start = T0 + (i / 4) * MS; // four spans share each start
            String name = i % 5 == 0 ? "schritt \u00fc \u65e5\u672c \ud83d\ude00 " + i : "step " + i;
            SpanFacts facts = i % 10 == 3
                    ? new SpanFacts("chat", "openai", "gpt-4o-\u00e9", "tool \u00df", "u", 10L + i, null, false, 0.5,
                            null, i % 20 == 3 ? "Timeout" : null, null)
                    : SpanFacts.NONE;
            spans.add(new TracedSpan(new Span(id, String.format("%016x", r.nextLong()),
                    i == 0 ? null : String.format("%016x", 1 + r.nextInt(i)), i % 2 == 0 ? "agent" : "t\u00f6ols", name,
                    SpanKind.values()[i % SpanKind.values().length], start, start + (i % 7) * MS,
                    i % 9 == 0 ? SpanStatus.ERROR : SpanStatus.OK, null, Map.of("i", (long) i), Map.of(), "", "",
                    List.of(), List.of()), facts));
        }
        Collections.shuffle(spans, new java.util.Random(3));
        for (int i = 0; i < spans.size(); i += 512) {
            traces.write(spans.subList(i, Math.min(spans.size(), i + 512)));
        }
        traces.write(List.of(traced(span(0, 1, null, "gateway", 0, 100, false)),
                new TracedSpan(
                        new Span(twin, String.format("%016x", 5), null, "twin", "root", SpanKind.SERVER, T0, T0 + MS,
                                SpanStatus.OK, null, Map.of(), Map.of(), "", "", List.of(), List.of()),
                        SpanFacts.NONE)));
        List<TracedSpan> full = traces.trace(id);

        List<TracedSpan> skeleton = traces.traceSkeleton(id);

        assertThat(full).hasSize(2_500);
        assertThat(skeleton).hasSize(2_500);
        for (int i = 0; i < full.size(); i++) {
            Span o = skeleton.get(i).span();
            Span f = full.get(i).span();
            SpanFacts of = skeleton.get(i).facts();
            SpanFacts ff = full.get(i).facts();
            assertThat(Arrays.asList(o.traceId(), o.spanId(), o.parentSpanId(), o.service(), o.name(), o.kind(),
                    o.status(), o.startNanos(), o.endNanos(), of.model(), of.toolName(), of.inputTokens(),
                    of.outputTokens(), of.costUsd(), of.errorType()))
                            .isEqualTo(Arrays.asList(f.traceId(), f.spanId(), f.parentSpanId(), f.service(), f.name(),
                                    f.kind(), f.status(), f.startNanos(), f.endNanos(), ff.model(), ff.toolName(),
                                    ff.inputTokens(), ff.outputTokens(), ff.costUsd(), ff.errorType()));
        }
        assertThat(traces.traceSkeleton(twin)).extracting(t -> t.span().service()).containsExactly("twin");
    }

    /**
     * 120 traces of 3-8 spans over four services: a third written whole, a third with the children in an earlier batch
     * than their parents, a third with the parents first; spans shuffled within batches, some re-sent.
     */
    static List<List<TracedSpan>> mixedBatches() {
        SplittableRandom r = new SplittableRandom(42);
        List<List<TracedSpan>> batches = new ArrayList<>();
        List<TracedSpan> whole = new ArrayList<>();
        for (int t = 1; t <= 120; t++) {
            int n = 3 + r.nextInt(6);
            List<TracedSpan> spans = new ArrayList<>();
            long start = t * 1_000L;
            for (int s = 1; s <= n; s++) {
                Integer parent = s == 1 ? null : 1 + r.nextInt(s - 1);
                String service = SERVICES[r.nextInt(SERVICES.length)];
                spans.add(traced(span(t, s, parent, service, start + s, 5 + r.nextInt(400), r.nextInt(7) == 0)));
            }
            switch (t % 3) {
                case 0 -> whole.addAll(spans);
                case 1 -> { // children first, their parents (the first half) in a later batch
                    batches.add(new ArrayList<>(spans.subList(n / 2, n)));
                    batches.add(new ArrayList<>(spans.subList(0, n / 2)));
                }
                default -> { // parents first, then the children
                    batches.add(new ArrayList<>(spans.subList(0, n / 2)));
                    batches.add(new ArrayList<>(spans.subList(n / 2, n)));
                }
            }
        }
        Collections.shuffle(whole, new java.util.Random(7));
        batches.add(0, whole);
        batches.add(new ArrayList<>(whole.subList(0, 40))); // a re-sent part: stored once
        return batches;
    }

    /** The old definition: every child with a stored parent of another service, grouped by (caller, callee). */
    static List<String> joinedEdges(List<List<TracedSpan>> batches, String service) {
        Map<String, Span> byKey = new TreeMap<>();
        batches.forEach(b -> b.forEach(t -> byKey.putIfAbsent(t.span().traceId() + t.span().spanId(), t.span())));
        Map<List<String>, List<Span>> groups = new TreeMap<>(Comparator.comparing(List::toString));
        for (Span c : byKey.values()) {
            Span p = c.parentSpanId() == null ? null : byKey.get(c.traceId() + c.parentSpanId());
            if (p == null || p.service().equals(c.service())) {
                continue;
            }
            if (service == null || service.equals(p.service()) || service.equals(c.service())) {
                groups.computeIfAbsent(List.of(p.service(), c.service()), k -> new ArrayList<>()).add(c);
            }
        }
        List<String> out = new ArrayList<>();
        groups.forEach((k, spans) -> {
            long[] d = spans.stream().mapToLong(Span::durationNanos).sorted().toArray();
            long errors = spans.stream().filter(s -> s.status() == SpanStatus.ERROR).count();
            out.add(edge(k.get(0), k.get(1), spans.size(), errors, quantile(d, 0.5), quantile(d, 0.95),
                    Arrays.stream(d).sum()));
        });
        return out.stream().sorted(BY_EDGE).toList();
    }

    static long quantile(long[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return Math.round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
    }

    static String edge(String caller, String callee, long calls, long errors, long p50, long p95, long sum) {
        // percentiles to the microsecond: the backends interpolate in floating point
        return caller + "->" + callee + " calls=" + calls + " errors=" + errors + " p50us=" + Math.round(p50 / 1e3)
                + " p95us=" + Math.round(p95 / 1e3) + " sum=" + sum;
    }

    static List<String> sorted(List<ServiceEdge> edges) {
        return edges.stream().map(e -> edge(e.caller(), e.callee(), e.calls(), e.errors(), e.p50Nanos(), e.p95Nanos(),
                e.durationSumNanos())).sorted(BY_EDGE).toList();
    }

    @Test
    void theServiceMapEqualsTheParentChildJoinWhateverBatchesParentsArriveIn() {
        List<List<TracedSpan>> batches = mixedBatches();
        batches.forEach(traces::write);
        ApmQuery day = ApmQuery.window(T0, T0 + 86_400_000 * MS);

        List<String> expected = joinedEdges(batches, null);
        assertThat(expected).hasSizeGreaterThan(8); // the data crosses services in many ways
        assertThat(sorted(traces.serviceEdges(day, 100))).containsExactlyElementsOf(expected);
        assertThat(sorted(traces.serviceEdges(new ApmQuery(T0, T0 + 86_400_000 * MS, "payments", null), 100)))
                .containsExactlyElementsOf(joinedEdges(batches, "payments"));
    }

    @Test
    void aChildWrittenBeforeItsParentJoinsTheMapOnceTheParentArrives() {
        traces.write(List.of(traced(span(9, 2, 1, "orders", 10, 20, false))));
        ApmQuery day = ApmQuery.window(T0, T0 + 86_400_000 * MS);
        assertThat(traces.serviceEdges(day, 10)).isEmpty();

        traces.write(List.of(traced(span(9, 1, null, "gateway", 0, 100, false))));

        assertThat(traces.serviceEdges(day, 10)).singleElement().satisfies(
                e -> assertThat(e.caller() + "->" + e.callee() + ":" + e.calls()).isEqualTo("gateway->orders:1"));
    }
}
