package dev.observatory.bench.trace;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.trace.TraceView;
import dev.observatory.core.trace.Traces;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
 * Bars of issue 5 on DuckDB: {@code get_trace} of a 1,000-span trace <= 10 ms (core {@code Traces.getTrace}: store
 * read, JSON attributes, tree and critical path) and {@code get_llm_usage} over 1,000,000 spans <= 200 ms (tokens and
 * cost by model over the whole day). The spans are ingested through {@code Traces.ingest} (validation, LLM view).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g" })
public class TraceQueryBench {

    @Param({ "1000000" })
    public int spans;

    private Path dir;
    private DuckDbStorage store;
    private Auditor auditor;
    private Traces traces;
    private String wideTrace;

    @Setup(Level.Trial)
    public void load() throws Exception {
        dir = Files.createTempDirectory("observatory-trace-bench-");
        store = DuckDbStorage.open(dir.resolve("observatory.duckdb"));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0, SyntheticSpans.T0 + SyntheticSpans.DAY),
                Clock.systemUTC().getZone());
        auditor = new Auditor(store.audit(), clock);
        traces = new Traces(new Tracking(store, clock, false, auditor));
        wideTrace = load(traces, spans);
    }

    /**
     * The benchmark's data: {@code spans} synthetic spans (4 threads, batches of 512), then the 1,000-span trace, whose
     * id it returns (it shares its id with synthetic trace 0).
     */
    public static String load(Traces traces, int spans) throws Exception {
        ingest(traces, spans);
        List<Span> wide = SyntheticSpans.wide(0, 1000);
        for (int i = 0; i < wide.size(); i += 512) {
            traces.ingest(wide.subList(i, Math.min(wide.size(), i + 512)));
        }
        return wide.get(0).traceId();
    }

    /** Ingests {@code total} synthetic spans in batches of 512 from 4 threads; returns the seconds it took. */
    static double ingest(Traces traces, int total) throws Exception {
        return ingest(traces, total, 4);
    }

    /** {@link #ingest(Traces, int)} from {@code clients} threads (the batches of {@link TraceIngestLoad}). */
    static double ingest(Traces traces, int total, int clients) throws Exception {
        return TraceIngestLoad.ingest(traces, TraceIngestLoad.batches(total), clients);
    }

    @Benchmark
    public TraceView getTrace1000Spans() {
        return traces.getTrace(wideTrace, Set.of());
    }

    @Benchmark
    public List<UsageRow> llmUsageByModelOverAllSpans() {
        Instant from = Instant.ofEpochSecond(0, SyntheticSpans.T0);
        Instant to = from.plusSeconds(86_400 + 60);
        return traces.usage(from, to, List.of(UsageQuery.Dimension.MODEL), null, null, null);
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
