package dev.observatory.bench.eval;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.eval.Aggregation;
import dev.observatory.core.eval.EvalSamples;
import dev.observatory.core.eval.PolicyFilter;
import dev.observatory.core.eval.Scorecard;
import dev.observatory.core.eval.ScorecardImage;
import dev.observatory.core.eval.ScorecardRequest;
import dev.observatory.core.eval.Scorecards;
import dev.observatory.model.eval.EvalAggregate;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * Issue 3 performance bar: generate_scorecard for 200 policies x 30 evaluations (bar <= 100 ms). The store holds 200
 * checkpoints of 20 runs, each evaluated on 30 evaluations over 5 episodes with two metrics (about 59,000 result rows;
 * every fifth checkpoint misses one evaluation). {@code scorecardByRefs} is the call with the 200 policy refs given,
 * {@code scorecardByFilter} lets the policy search pick them; {@code dataQueryOnly} is the in-run baseline (the one
 * store query aggregating the cells' 29,800 rows into 5,960 cells), {@code rawRowsQuery} reads those rows unaggregated
 * and {@code heatmapPng} draws the PNG of the finished scorecard alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx2g" })
public class ScorecardBench {
    @Param({ "duckdb", "memory" })
    public String backend;

    private Path dir;
    private StorageComponent store;
    private Auditor auditor;
    private Scorecards scorecards;
    private List<EvalSubject> policies;
    private List<String> evals;
    private Scorecard finished;

    @Setup(Level.Trial)
    public void load() throws IOException {
        dir = Files.createTempDirectory("observatory-scorecard-bench-");
        store = backend.equals("duckdb") ? DuckDbStorage.open(dir.resolve("observatory.duckdb"))
                : new InMemoryStorage();
        Clock clock = Clock.systemUTC();
        auditor = new Auditor(store.audit(), clock);
        scorecards = new Scorecards(new Tracking(store, clock, false, auditor));
        policies = EvalSamples.write(store, "bench", 200, 30, 5, 42, Instant.parse("2026-01-01T00:00:00Z"));
        evals = new ArrayList<>();
        for (int e = 0; e < 30; e++) {
            evals.add(String.format(Locale.ROOT, "nav/eval_%03d", e));
        }
        finished = scorecardByRefs();
        if (finished.policies().size() != 200 || finished.evals().size() != 30) {
            throw new IllegalStateException(
                    "expected 200 x 30, got " + finished.policies().size() + " x " + finished.evals().size());
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        auditor.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public Scorecard scorecardByRefs() {
        return scorecards.generate(
                new ScorecardRequest(policies, null, 200, List.of(), "reward", Aggregation.MEAN, false, false));
    }

    @Benchmark
    public Scorecard scorecardByFilter() {
        return scorecards.generate(new ScorecardRequest(List.of(), PolicyFilter.any(), 200, List.of(), "reward",
                Aggregation.MEAN, true, false));
    }

    @Benchmark
    public List<EvalAggregate> dataQueryOnly() {
        return store.evals().aggregates(new EvalQuery(policies, evals, "reward", 1_000_000, 0));
    }

    @Benchmark
    public List<EvalResult> rawRowsQuery() {
        return store.evals().list(new EvalQuery(policies, evals, "reward", 1_000_000, 0));
    }

    @Benchmark
    public byte[] heatmapPng() {
        return ScorecardImage.png(finished, false);
    }
}
