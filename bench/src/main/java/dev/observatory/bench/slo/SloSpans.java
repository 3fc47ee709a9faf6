package dev.observatory.bench.slo;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.StorageComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic server spans for SLO benchmarks: {@code total} spans evenly over {@code days} days ending at
 * {@link #END}, 4 services x 8 routes, one in 500 failed, durations log-normal around 120 ms with a tail of seconds.
 */
final class SloSpans {
    static final String[] SERVICES = { "checkout-api", "support-bot", "search", "billing" };
    /** 2026-02-01T00:00:00Z in epoch nanoseconds. */
    static final long END = 1_769_904_000_000_000_000L;
    static final long DAY = 86_400_000_000_000L;

    private SloSpans() {
    }

    /** Writes the spans through the trace store in time order; returns the seconds it took. */
    static double write(StorageComponent store, long total, int days) {
        long t0 = System.nanoTime();
        long start = END - days * DAY;
        long step = days * DAY / total;
        SplittableRandom r = new SplittableRandom(42);
        int batch = 50_000;
        for (long i = 0; i < total; i += batch) {
            List<TracedSpan> spans = new ArrayList<>(batch);
            for (long j = i; j < Math.min(total, i + batch); j++) {
                spans.add(span(j, start + j * step, r));
            }
            store.traces().write(spans);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static TracedSpan span(long n, long start, SplittableRandom r) {
        String service = SERVICES[(int) (n % SERVICES.length)];
        String route = "GET /api/v1/r" + (n / SERVICES.length % 8);
        double ms = Math.exp(Math.log(120) + 0.8 * r.nextGaussian());
        long duration = (long) (Math.min(ms, 600_000) * 1_000_000);
        boolean failed = r.nextInt(500) == 0;
        Span s = new Span(String.format("%032x", n + 1), String.format("%016x", n + 1), null, service, route,
                SpanKind.SERVER, start, start + duration, failed ? SpanStatus.ERROR : SpanStatus.OK, null, Map.of(),
                Map.of(), "bench", "", List.of(), List.of());
        return new TracedSpan(s, SpanFacts.NONE);
    }
}
