package dev.observatory.bench.analysis;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.analysis.Analysis;
import dev.observatory.core.analysis.ObservabilityOptions;
import dev.observatory.core.analysis.RunComparison;
import dev.observatory.core.analysis.TrainingObservability;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3 performance bars on DuckDB: get_training_observability on a run with 50 metrics of 100,000 points and 100,000
 * log lines (bar <= 300 ms), and compare_runs over 50 runs of 10,000-point losses (bar <= 200 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx4g" })
public class ObservabilityBench {
    private Path dir;
    private StorageComponent store;
    private Auditor auditor;
    private Analysis analysis;
    private String bigRun;
    private List<String> compared;

    @Setup(Level.Trial)
    public void load() throws IOException {
        dir = Files.createTempDirectory("observatory-analysis-bench-");
        store = DuckDbStorage.open(dir.resolve("observatory.duckdb"));
        Clock clock = Clock.systemUTC();
        auditor = new Auditor(store.audit(), clock);
        Tracking tracking = new Tracking(store, clock, false, auditor);
        analysis = new Analysis(tracking);
        store.projects().create("bench", null);
        SplittableRandom rnd = new SplittableRandom(42);
        bigRun = run("big");
        for (int k = 0; k < 50; k++) {
            String key = k == 0 ? "train/loss" : k == 1 ? "eval/loss" : k == 2 ? "train/samples_per_sec" : "m/" + k;
            store.metrics().append(bigRun, Map.of(key, curve(100_000, 1, rnd, k == 1 ? 0.03 : 0)));
        }
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String level = i % 500 == 0 ? "ERROR" : i % 100 == 0 ? "WARN" : "INFO";
            String text = level.equals("ERROR") ? "RuntimeError: dataloader worker " + (i % 7) + " exited"
                    : "step " + i + " loss " + (2.0 / Math.sqrt(1 + i)) + " lr 0.0003";
            lines.add(new LogLine(null, 0, Instant.ofEpochMilli(1_700_000_000_000L + i), "stdout", level, text));
            if (lines.size() == 10_000) {
                store.logs().append(bigRun, lines);
                lines = new ArrayList<>();
            }
        }
        compared = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            String id = run("sweep-" + r);
            store.metrics().append(id, Map.of("train/loss", curve(10_000, 1 + r % 5, rnd, 0), "val/acc",
                    curve(100, 100, rnd, 0), "train/samples_per_sec", curve(1_000, 10, rnd, 0)));
            compared.add(id);
        }
    }

    private String run(String name) {
        Run r = store.runs().create(NewRun.of("bench", name));
        return r.id();
    }

    private static MetricColumns curve(int n, int stride, SplittableRandom rnd, double offset) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = (long) i * stride;
            values[i] = offset + 0.3 + 2.0 * Math.pow(1 + i / 500.0, -0.7) * (1 + 0.05 * rnd.nextGaussian());
            ts[i] = 1_700_000_000_000L + i;
        }
        return new MetricColumns(steps, values, ts);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        auditor.close();
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public TrainingObservability observability() {
        return analysis.observability(bigRun, ObservabilityOptions.DEFAULTS);
    }

    @Benchmark
    public RunComparison compareRuns50() {
        return analysis.compareRuns(compared, "train/loss", null, "last");
    }
}
