package dev.observatory.bench;

import dev.observatory.core.Actor;
import dev.observatory.core.MetricHistory;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * How much of the 1 M-point M4 chart's time (issue 9, <= 20 ms) the physical layout of {@code metric_points} decides
 * (docs/decisions/0030-m4-chart-layout.md, 0035-metric-point-layout.md). The data of MetricHistoryBench (four series
 * logged at every step, written through the store) is charted after a restart, either as ingested ({@code ingested}:
 * the writer's idle rewrite turned off, each row group mixes the four series), after the table was rewritten offline
 * ordered by (series_id, rowid) ({@code clustered}: the probe of decision 0030), or as the writer leaves it after its
 * idle rewrite by series ({@code compacted}: the product path). Same query, same code path; the setup checks that every
 * layout gives the same chart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g" })
public class M4LayoutBench {
    private static final int POINTS = 1_000_000;
    private static final int STEPS_PER_BATCH = Tracking.MAX_POINTS_PER_BATCH / 4;

    @Param({ "ingested", "clustered", "compacted" })
    public String layout;

    private BenchStores stores;
    private String runId;

    @Setup(Level.Trial)
    public void writeSeries() {
        System.setProperty("observatory.pointCompaction", Boolean.toString(layout.equals("compacted")));
        BenchStores written = BenchStores.empty("duckdb");
        Actor actor = new Actor("bench", "cli");
        runId = written.tracking.createRun(actor, NewRun.of("bench", "layout-1m")).id();
        SplittableRandom rnd = new SplittableRandom(42);
        for (long first = 0; first < POINTS; first += STEPS_PER_BATCH) {
            int n = (int) Math.min(STEPS_PER_BATCH, POINTS - first);
            Map<String, MetricColumns> batch = new LinkedHashMap<>();
            batch.put(MetricHistoryBench.KEY, columns(TrainingCurves.LOSS, first, n, rnd));
            batch.put(MetricHistoryBench.OTHER_KEYS[0], columns(TrainingCurves.LEARNING_RATE, first, n, rnd));
            batch.put(MetricHistoryBench.OTHER_KEYS[1], columns(TrainingCurves.GRAD_NORM, first, n, rnd));
            batch.put(MetricHistoryBench.OTHER_KEYS[2], columns(TrainingCurves.THROUGHPUT, first, n, rnd));
            written.tracking.logMetrics(actor, runId, batch);
        }
        MetricHistory before = written.tracking.history(runId, MetricHistoryBench.KEY, null, null, 1000);
        MetricHistoryBench.awaitLayout(written, layout.equals("compacted"));
        stores = written.reopened(file -> {
            if (layout.equals("clustered")) {
                cluster(file.toString());
            }
        });
        MetricHistory after = stores.tracking.history(runId, MetricHistoryBench.KEY, null, null, 1000);
        if (!after.buckets().equals(before.buckets())) {
            throw new IllegalStateException("the " + layout + " layout changed the chart");
        }
    }

    /** Rewrites metric_points grouped by series, each series in its ingest order (tie rules depend on that order). */
    private static void cluster(String file) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE metric_points_sorted AS SELECT * FROM metric_points " + "ORDER BY series_id, rowid");
            s.execute("DROP TABLE metric_points");
            s.execute("ALTER TABLE metric_points_sorted RENAME TO metric_points");
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("could not rewrite metric_points", e);
        }
    }

    private static MetricColumns columns(TrainingCurves curve, long first, int n, SplittableRandom rnd) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = first + i;
            values[i] = curve.at(first + i, POINTS, rnd);
            ts[i] = IngestBodies.EPOCH_MS + (first + i) * 250;
        }
        return new MetricColumns(steps, values, ts);
    }

    /** The bar's chart: the whole 1 M-point series as 1,000 M4 buckets. */
    @Benchmark
    public MetricHistory wholeSeries() {
        return stores.tracking.history(runId, MetricHistoryBench.KEY, null, null, 1000);
    }

    @TearDown(Level.Trial)
    public void close() {
        stores.close();
    }
}
