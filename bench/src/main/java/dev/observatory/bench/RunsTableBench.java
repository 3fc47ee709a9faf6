package dev.observatory.bench;

import dev.observatory.core.RunListRequest;
import dev.observatory.core.RunPage;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import dev.observatory.store.StorageComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Bar: runs table of 10,000 runs with the latest value of 20 metrics each, sorted by one metric, first page of 50 with
 * those 20 metric summaries, in <= 100 ms. Goes through {@code Tracking.listRuns} (page, total count and summaries),
 * what the REST and MCP runs tables call. Sorting by an attribute (created_at) is the in-run baseline; the in-memory
 * backend the cross-backend one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx2g" })
public class RunsTableBench {
    static final String PROJECT = "sweep";
    static final int KEYS = 20;
    static final int POINTS_PER_KEY = 5;
    private static final int LOADERS = 8;

    @Param({ "duckdb", "memory" })
    public String backend;

    @Param({ "10000" })
    public int runs;

    @Param({ "metric:val/loss", "created_at" })
    public String sort;

    private BenchStores stores;
    private List<String> keys;
    private RunListRequest firstPage;

    @Setup(Level.Trial)
    public void writeRuns() {
        keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(TrainingCurves.keyName(k));
        }
        stores = BenchStores.loaded(backend, "runs-table-" + runs, this::load);
        firstPage = new RunListRequest(new RunQuery(PROJECT, null, null, null, null, null, sort, false, 50, 0), keys,
                null, 50);
    }

    /** Writes the runs through the store API from a few threads (the store group-commits concurrent writes). */
    private void load(StorageComponent store) {
        store.projects().create(PROJECT, "10k-run sweep for the runs-table benchmark");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(LOADERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int run = i;
                done.add(pool.submit(() -> {
                    String id = store.runs()
                            .create(new NewRun(PROJECT, String.format("run-%05d", run), RunStatus.FINISHED, "bench",
                                    List.of("sweep", run % 2 == 0 ? "even" : "odd"),
                                    Map.of("lr", 1e-4 * (1 + run % 10), "batch_size", 32 << (run % 4)), null,
                                    start.plusSeconds(60L * run), null, null))
                            .id();
                    store.metrics().append(id, batch(new SplittableRandom(run)));
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("loading the runs failed", e);
        } finally {
            pool.shutdown();
        }
    }

    private Map<String, MetricColumns> batch(SplittableRandom rnd) {
        Map<String, MetricColumns> batch = new LinkedHashMap<>();
        double scale = 0.5 + rnd.nextDouble();
        for (int k = 0; k < KEYS; k++) {
            long[] steps = new long[POINTS_PER_KEY];
            double[] values = new double[POINTS_PER_KEY];
            long[] ts = new long[POINTS_PER_KEY];
            for (int i = 0; i < POINTS_PER_KEY; i++) {
                steps[i] = i * 2500L;
                values[i] = scale * TrainingCurves.forKey(k).at(steps[i], 10_000, rnd);
                ts[i] = IngestBodies.EPOCH_MS + steps[i] * 250;
            }
            batch.put(keys.get(k), new MetricColumns(steps, values, ts));
        }
        return batch;
    }

    /** The bar: first page of 50, sorted, with the 20 metric summaries of each row and the total count. */
    @Benchmark
    public RunPage firstPageOfFifty() {
        RunPage page = stores.tracking.listRuns(firstPage);
        if (page.rows().size() != 50 || page.rows().get(0).metrics().size() != KEYS) {
            throw new IllegalStateException("expected 50 rows with " + KEYS + " metrics, got " + page.rows().size());
        }
        return page;
    }

    @TearDown(Level.Trial)
    public void close() {
        stores.close();
    }
}
