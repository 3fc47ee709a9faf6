package dev.observatory.bench.trace;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.apm.Apm;
import dev.observatory.core.apm.ApmWindow;
import dev.observatory.core.apm.ServiceHealth;
import dev.observatory.core.apm.ServiceMap;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bars of issue 10 on DuckDB: {@code get_service_map} and {@code get_service_health} over 1,000,000 spans <= 300 ms
 * (core {@code Apm.serviceMap} / {@code Apm.health}: every span of the day in the window, health also reads the
 * previous window). Traces of 8 spans cross 8 services (gateway -> api -> 3 backends -> 2 stores). In-run baseline:
 * {@code baselineDistinctServices}, one plain scan of the same spans (the floor of any query over them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g" })
public class ApmQueryBench {
    static final String[] BACKENDS = { "catalog", "pricing", "users" };
    static final String[] STORES = { "postgres-proxy", "redis-proxy" };
    static final int SPANS_PER_TRACE = 8;

    @Param({ "1000000" })
    public int spans;

    private Path dir;
    private DuckDbStorage store;
    private Auditor auditor;
    private Apm apm;
    private ApmWindow day;

    @Setup(Level.Trial)
    public void load() throws Exception {
        dir = Files.createTempDirectory("observatory-apm-bench-");
        store = DuckDbStorage.open(dir.resolve("observatory.duckdb"));
        Instant end = Instant.ofEpochSecond(0, SyntheticSpans.T0 + SyntheticSpans.DAY);
        Clock clock = Clock.fixed(end, ZoneOffset.UTC);
        auditor = new Auditor(store.audit(), clock);
        apm = new Apm(new Tracking(store, clock, false, auditor));
        day = new ApmWindow(Instant.ofEpochSecond(0, SyntheticSpans.T0), end);
        long traces = spans / SPANS_PER_TRACE;
        List<Span> batch = new ArrayList<>(8192);
        for (long t = 0; t < traces; t++) {
            batch.addAll(trace(t, traces));
            if (batch.size() >= 8192) {
                store.traces().append(batch);
                batch = new ArrayList<>(8192);
            }
        }
        store.traces().append(batch);
    }

    /** gateway SERVER -> gateway CLIENT -> api SERVER -> 2 backends SERVER -> 1 store SERVER each, + 1 INTERNAL. */
    static List<Span> trace(long t, long traces) {
        SplittableRandom r = new SplittableRandom(t);
        String id = SyntheticSpans.traceId(t);
        long start = SyntheticSpans.T0 + SyntheticSpans.DAY * t / traces;
        long base = t * SPANS_PER_TRACE;
        long total = 50_000_000L + r.nextLong(500_000_000L);
        List<Span> out = new ArrayList<>(SPANS_PER_TRACE);
        out.add(span(id, base, -1, "gateway", "GET /page", SpanKind.SERVER, start, total, false));
        out.add(span(id, base + 1, base, "gateway", "call api", SpanKind.CLIENT, start + 1_000_000, total - 2_000_000,
                false));
        out.add(span(id, base + 2, base + 1, "api", "GET /api/page", SpanKind.SERVER, start + 2_000_000,
                total - 4_000_000, false));
        for (int i = 0; i < 2; i++) {
            String backend = BACKENDS[(int) ((t + i) % BACKENDS.length)];
            long s = start + 3_000_000 + i * 10_000_000L;
            out.add(span(id, base + 3 + 2 * i, base + 2, backend, "rpc " + backend, SpanKind.SERVER, s,
                    5_000_000 + r.nextLong(40_000_000), r.nextInt(100) == 0));
            out.add(span(id, base + 4 + 2 * i, base + 3 + 2 * i, STORES[i], "query", SpanKind.SERVER, s + 1_000_000,
                    2_000_000 + r.nextLong(3_000_000), false));
        }
        out.add(span(id, base + 7, base + 2, "api", "render", SpanKind.INTERNAL, start + 30_000_000, 5_000_000, false));
        return out;
    }

    static Span span(String trace, long span, long parent, String service, String name, SpanKind kind, long start,
            long duration, boolean failed) {
        return new Span(trace, SyntheticSpans.spanId(span), parent < 0 ? null : SyntheticSpans.spanId(parent), service,
                name, kind, start, start + duration, failed ? SpanStatus.ERROR : SpanStatus.OK, null,
                Map.of("http.route", name), Map.of("service.name", service), "", "", List.of(), List.of());
    }

    @Benchmark
    public ServiceMap serviceMapOverAllSpans() {
        return apm.serviceMap(day, null, 50);
    }

    @Benchmark
    public ServiceHealth serviceHealthOverAllSpans() {
        return apm.health(day, null, null, false, 20);
    }

    @Benchmark
    public ServiceHealth serviceHealthByOperationOfOneService() {
        return apm.health(day, "api", null, true, 20);
    }

    @Benchmark
    public List<String> baselineDistinctServices() {
        return store.traces().services(SyntheticSpans.T0, SyntheticSpans.T0 + SyntheticSpans.DAY, 100);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        auditor.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
