package dev.observatory.bench;

import dev.observatory.core.Actor;
import dev.observatory.core.MetricHistory;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import java.util.LinkedHashMap;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bar: a 1,000,000-point series returned as a 1,000-point M4 chart in <= 20 ms server time. The run holds the series
 * plus three more keys logged at every step (4 M points in the store), as a trainer writes them. The in-memory backend
 * is the baseline: the same service code with no database. On DuckDB the chart is measured once the writer has
 * rewritten the points by series in idle time, as it does a second after an ingest burst (decision 0035);
 * {@code -p compaction=on,off} measures without that rewrite in the same run, {@code -p buckets=aligned,equal-width}
 * with the bucket edges of before decision 0042 (raw edge points read).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g" })
public class MetricHistoryBench {
    static final String KEY = "train/loss";
    static final String[] OTHER_KEYS = { "train/lr", "train/grad_norm", "train/samples_per_s" };
    private static final int STEPS_PER_BATCH = Tracking.MAX_POINTS_PER_BATCH / (1 + OTHER_KEYS.length);

    @Param({ "duckdb", "memory" })
    public String backend;

    @Param({ "1000000" })
    public int points;

    /** off: the DuckDB writer's idle rewrite by series turned off (the as-ingested layout), the in-run baseline. */
    @Param({ "on" })
    public String compaction;

    /**
     * aligned: bucket edges on multiples of the cell (decision 0042), so a long series' chart is its tile rows;
     * equal-width: the buckets before it (edges anywhere, raw edge points read), the in-run baseline.
     */
    @Param({ "aligned" })
    public String buckets;

    private BenchStores stores;
    private String runId;

    @Setup(Level.Trial)
    public void writeSeries() {
        System.setProperty("observatory.pointCompaction", Boolean.toString(compaction.equals("on")));
        System.setProperty(dev.observatory.store.internal.StepBuckets.LEGACY_PROPERTY,
                Boolean.toString(buckets.equals("equal-width")));
        stores = BenchStores.empty(backend);
        Actor actor = new Actor("bench", "cli");
        runId = stores.tracking.createRun(actor, NewRun.of("bench", "history-1m")).id();
        SplittableRandom rnd = new SplittableRandom(42);
        for (long first = 0; first < points; first += STEPS_PER_BATCH) {
            int n = (int) Math.min(STEPS_PER_BATCH, points - first);
            Map<String, MetricColumns> batch = new LinkedHashMap<>();
            batch.put(KEY, columns(TrainingCurves.LOSS, first, n, rnd));
            batch.put(OTHER_KEYS[0], columns(TrainingCurves.LEARNING_RATE, first, n, rnd));
            batch.put(OTHER_KEYS[1], columns(TrainingCurves.GRAD_NORM, first, n, rnd));
            batch.put(OTHER_KEYS[2], columns(TrainingCurves.THROUGHPUT, first, n, rnd));
            stores.tracking.logMetrics(actor, runId, batch);
        }
        awaitLayout(stores, compaction.equals("on"));
    }

    /** Waits until a DuckDB writer has rewritten the points by series (decision 0035); fails after two minutes. */
    static void awaitLayout(BenchStores stores, boolean compaction) {
        if (compaction && stores.store instanceof dev.observatory.store.jdbc.DuckDbStorage duck) {
            long start = System.nanoTime();
            if (!duck.awaitMetricLayout(java.time.Duration.ofMinutes(2))) {
                throw new IllegalStateException("the metric points were not rewritten by series within two minutes");
            }
            System.out.printf("bench: ingest end -> points rewritten by series: %d ms (1 s of it the idle wait)%n",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private MetricColumns columns(TrainingCurves curve, long first, int n, SplittableRandom rnd) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = first + i;
            values[i] = curve.at(first + i, points, rnd);
            ts[i] = IngestBodies.EPOCH_MS + (first + i) * 250;
        }
        return new MetricColumns(steps, values, ts);
    }

    /** The bar: the whole 1 M-point series as a 1,000-bucket M4 chart. */
    @Benchmark
    public MetricHistory wholeSeriesAsThousandPointChart() {
        return stores.tracking.history(runId, KEY, null, null, 1000);
    }

    /** A zoom into a tenth of the series, as a chart does when the user drags a range. */
    @Benchmark
    public MetricHistory zoomedTenthAsThousandPointChart() {
        return stores.tracking.history(runId, KEY, (long) points * 45 / 100, (long) points * 55 / 100, 1000);
    }

    @TearDown(Level.Trial)
    public void close() {
        stores.close();
    }
}
