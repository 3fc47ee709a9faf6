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

    /**
     * Writes the same shape of spans with one SQL statement straight into a DuckDB file that {@code DuckDbStorage}
     * created and closed (seconds instead of many minutes through the Appender on a busy machine): deterministic hashes
     * of the span number replace the random generator. Returns the seconds it took.
     */
    static double writeSql(java.nio.file.Path db, long total, int days) throws java.sql.SQLException {
        long t0 = System.nanoTime();
        long start = END - days * DAY;
        long step = days * DAY / total;
        String u1 = "((hash(i) % 1000000) + 0.5) / 1e6";
        String u2 = "((hash(i * 7 + 3) % 1000000) + 0.5) / 1e6";
        String gaussian = "sqrt(-2 * ln(" + u1 + ")) * cos(2 * pi() * " + u2 + ")";
        String duration = "CAST(least(exp(ln(120) + 0.8 * " + gaussian + "), 600000) * 1000000 AS BIGINT)";
        String sql = "INSERT INTO spans (trace_id, span_id, service, name, kind, status, start_ns, end_ns, "
                + "duration_ns, tokens_estimated, scope, scope_version, attributes, resource, events, links) "
                + "SELECT printf('%032x', i + 1), printf('%016x', i + 1), "
                + "(['checkout-api', 'support-bot', 'search', 'billing'])[(i % 4) + 1], "
                + "'GET /api/v1/r' || ((i // 4) % 8), 'SERVER', "
                + "CASE WHEN hash(i * 13 + 5) % 500 = 0 THEN 'ERROR' ELSE 'OK' END, s, s + d, d, false, 'bench', '', "
                + "'{}', '{}', '[]', '[]' FROM (SELECT i, " + start + " + i * " + step + " AS s, " + duration
                + " AS d FROM range(" + total + ") t(i))";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
        return (System.nanoTime() - t0) / 1e9;
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
