package dev.observatory.bench.slo;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.slo.SliSource;
import dev.observatory.core.slo.SloDefinition;
import dev.observatory.core.slo.SloSpecs;
import dev.observatory.core.slo.SloStatus;
import dev.observatory.core.slo.Slos;
import dev.observatory.core.slo.SpanSliSource;
import dev.observatory.model.slo.SliQuery;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
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
 * Issue 10's bar on DuckDB: the status of an SLO (compliance over 30 days, burn rates over 1h/6h/24h/3d and the four
 * workbook conditions: 8 windows) over 30 days of 10,000,000 spans, <= 300 ms. {@code source=rollups} reads the
 * 5-minute and hourly rollups with every window in one statement (the product's path; the first roll-up is done in the
 * set-up and printed); {@code source=perwindow} the same rollups read one window at a time (the path before);
 * {@code source=raw} never rolls up, so every window scans the spans: the in-run baselines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx6g" })
public class SloStatusBench {

    @Param({ "10000000" })
    public long spans;

    @Param({ "rollups", "perwindow", "raw" })
    public String source;

    private Path dir;
    private DuckDbStorage store;
    private Slos slos;
    private SloDefinition availability;
    private SloDefinition latency;
    private Instant now;

    @Setup(Level.Trial)
    public void load() throws IOException, java.sql.SQLException {
        dir = Files.createTempDirectory("observatory-slo-bench-");
        Path file = dir.resolve("observatory.duckdb");
        DuckDbStorage.open(file).close(); // creates the schema
        double seconds = SloSpans.writeSql(file, spans, 30);
        store = DuckDbStorage.open(file);
        now = Instant.ofEpochSecond(0, SloSpans.END);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
        SliSource src = switch (source) {
            case "raw" -> rawSpans(store);
            case "perwindow" -> perWindow(new SpanSliSource(store.ops()));
            default -> new SpanSliSource(store.ops());
        };
        long t0 = System.nanoTime();
        src.refresh(now);
        double rollup = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%n[slo-bench] wrote %,d spans in %.1f s; first roll-up %.2f s (%s)%n", spans, seconds,
                rollup, source);
        slos = new Slos(tracking, src);
        availability = SloSpecs
                .parse(Map.of("name", "checkout-availability", "selector", Map.of("service", "checkout-api")), "api");
        latency = SloSpecs.parse(Map.of("name", "checkout-p95", "type", "latency", "percentile", 95, "threshold_ms",
                2000, "selector", Map.of("service", "checkout-api", "route", "GET /api/v1/r3")), "api");
    }

    /** Reads the spans only: the store's rollups are never brought up to date. */
    private static SliSource rawSpans(DuckDbStorage store) {
        return (selector, from, to) -> store.ops()
                .sli(new SliQuery(selector, from.getEpochSecond() * 1_000_000_000L + from.getNano(),
                        to.getEpochSecond() * 1_000_000_000L + to.getNano()));
    }

    /**
     * The rollups read one window at a time (up to five queries per window, the recent edge read again by every
     * window): the path before the status read all its windows in one statement, kept as the in-run baseline.
     */
    private static SliSource perWindow(SpanSliSource spans) {
        return new SliSource() {
            @Override
            public dev.observatory.model.slo.SliCounts counts(dev.observatory.model.slo.SliSelector selector,
                    Instant from, Instant to) {
                return spans.counts(selector, from, to);
            }

            @Override
            public void refresh(Instant now) {
                spans.refresh(now);
            }
        };
    }

    @Benchmark
    public SloStatus availabilityOfAService() {
        return slos.status(availability, now);
    }

    @Benchmark
    public SloStatus latencyOfARoute() {
        return slos.status(latency, now);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
