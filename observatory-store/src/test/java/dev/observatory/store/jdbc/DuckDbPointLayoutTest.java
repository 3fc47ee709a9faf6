package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric point rewrite by series (docs/decisions/0035-metric-point-layout.md): every read answers the same before
 * and after it, each series ends up contiguous, a failed step leaves every point exactly once, the mark survives a
 * restart, and, under any interleaving of ingest and steps, each series' rows stay in ingest order.
 */
class DuckDbPointLayoutTest {
    /** The rewrite is on by default (decision 0036); these tests say so explicitly for the stores they open. */
    @org.junit.jupiter.api.BeforeAll
    static void turnTheRewriteOn() {
        System.setProperty("observatory.pointCompaction", "true");
    }

    @org.junit.jupiter.api.AfterAll
    static void turnTheRewriteOff() {
        System.clearProperty("observatory.pointCompaction");
    }

    private static final String[] KEYS = { "loss", "lr", "acc" };
    private static final String RESENT = "resent";
    private static final long POINTS = 30L * 300 * KEYS.length + 500;
    private static final DuckDbPointLayout.Limits SMALL_STEPS = new DuckDbPointLayout.Limits(1, 1_000, 1_000_000);

    @TempDir
    Path dir;

    /**
     * Three series logged together in 30 batches (NaN and infinities among the values), and a fourth whose steps go
     * back (equal steps: raw reads order them by ingest). Values have no ties: DuckDB's choice among equal minimums or
     * maximums in the M4 GROUP BY is not deterministic even between two identical calls (decision 0035).
     */
    static String writeInterleaved(DuckDbStorage s) {
        s.projects().create("p", null);
        String runId = s.runs().create(NewRun.of("p", "r")).id();
        for (int b = 0; b < 30; b++) {
            Map<String, MetricColumns> batch = new LinkedHashMap<>();
            for (int k = 0; k < KEYS.length; k++) {
                batch.put(KEYS[k], columns(b * 300L, 300, k, b));
            }
            s.metrics().append(runId, batch);
        }
        s.metrics().append(runId, Map.of(RESENT, columns(0, 300, 5, 98)));
        s.metrics().append(runId, Map.of(RESENT, columns(100, 200, 6, 99))); // steps that go backwards
        return runId;
    }

    static MetricColumns columns(long first, int n, int key, int batch) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = first + i;
            long x = first + i + key;
            values[i] = x % 97 == 0 ? Double.NaN
                    : x % 89 == 0 ? Double.POSITIVE_INFINITY : Math.sin(x * 0.37 + key) * 1_000 + x * 1e-6;
            ts[i] = 1_000_000L * batch + i;
        }
        return new MetricColumns(steps, values, ts);
    }

    /** Raw pages and M4 charts (tiled and plain, whole and zoomed) of every series. */
    static List<Object> reads(DuckDbStorage s, String runId) {
        List<Object> out = new ArrayList<>();
        out.add(s.metrics().read(runId, RESENT, Long.MIN_VALUE, Long.MAX_VALUE, 0, 100_000));
        for (String key : KEYS) {
            out.add(s.metrics().read(runId, key, Long.MIN_VALUE, Long.MAX_VALUE, 0, 100_000));
            out.add(s.metrics().read(runId, key, 150, 160, 0, 100));
            out.add(s.metrics().downsample(runId, key, Long.MIN_VALUE, Long.MAX_VALUE, 20));
            out.add(s.metrics().downsample(runId, key, Long.MIN_VALUE, Long.MAX_VALUE, 2_000));
            out.add(s.metrics().downsample(runId, key, 1_000, 5_000, 7));
        }
        return out;
    }

    /** How often the series changes from one row to the next in rowid order. */
    static long seriesChanges(DuckDbStorage s) {
        return s.connections().read(c -> DuckDbSql.count(c, "SELECT count(*) FROM (SELECT series_id <> "
                + "lag(series_id) OVER (ORDER BY rowid) AS change FROM metric_points) WHERE change"));
    }

    @Test
    void everyReadIsTheSameAfterTheRewriteAndEachSeriesIsContiguous() {
        try (DuckDbStorage s = DuckDbStorage.open(dir.resolve("o.duckdb"))) {
            String runId = writeInterleaved(s);
            List<Object> before = reads(s, runId);
            assertThat(seriesChanges(s)).isGreaterThan(80);
            s.writer().compactPoints(SMALL_STEPS);
            assertThat(seriesChanges(s)).isEqualTo(KEYS.length);
            assertThat(reads(s, runId)).isEqualTo(before);
            assertThat(s.metrics().pointCount()).isEqualTo(POINTS);
        }
    }

    @Test
    void theWriterRewritesByItselfOnceIngestPausesWhenTurnedOn() {
        try (DuckDbStorage s = DuckDbStorage.open(dir.resolve("o.duckdb"))) {
            s.writer().pointLayout().limits(SMALL_STEPS);
            String runId = writeInterleaved(s);
            List<Object> before = reads(s, runId);
            assertThat(s.awaitMetricLayout(java.time.Duration.ofSeconds(60))).isTrue();
            assertThat(seriesChanges(s)).isEqualTo(KEYS.length);
            assertThat(reads(s, runId)).isEqualTo(before);
        }
    }

    @Test
    void aFailedStepIsUndoneAndLeavesEveryPointOnce() {
        try (DuckDbStorage s = DuckDbStorage.open(dir.resolve("o.duckdb"))) {
            String runId = writeInterleaved(s);
            List<Object> before = reads(s, runId);
            long changes = seriesChanges(s);
            s.writer().pointLayout().afterMove(() -> {
                throw new IllegalStateException("crash in the middle of the rewrite");
            });
            s.writer().compactPoints(SMALL_STEPS);
            assertThat(seriesChanges(s)).isEqualTo(changes);
            assertThat(s.metrics().pointCount()).isEqualTo(POINTS);
            assertThat(s.connections().<Long> read(c -> DuckDbSql.count(c, "SELECT count(*) FROM metric_points")))
                    .isEqualTo(POINTS);
            assertThat(reads(s, runId)).isEqualTo(before);
        }
    }

    @Test
    void theRewrittenLayoutAndItsMarkSurviveARestartAndLaterIngestJoinsTheNextPass() {
        Path db = dir.resolve("o.duckdb");
        String runId;
        List<Object> before;
        try (DuckDbStorage s = DuckDbStorage.open(db)) {
            runId = writeInterleaved(s);
            before = reads(s, runId);
            s.writer().compactPoints(SMALL_STEPS);
        }
        try (DuckDbStorage s = DuckDbStorage.open(db)) {
            assertThat(reads(s, runId)).isEqualTo(before);
            assertThat(s.connections().<Long> read(c -> DuckDbSql.count(c,
                    "SELECT (SELECT max(rowid) + 1 FROM metric_points) - clustered_end FROM metric_layout_state")))
                            .isZero();
            for (int b = 30; b < 40; b++) {
                Map<String, MetricColumns> batch = new LinkedHashMap<>();
                for (int k = 0; k < KEYS.length; k++) {
                    batch.put(KEYS[k], columns(b * 300L, 300, k, b));
                }
                s.metrics().append(runId, batch);
            }
            List<Object> more = reads(s, runId);
            s.writer().compactPoints(SMALL_STEPS);
            assertThat(reads(s, runId)).isEqualTo(more);
            // the first pass's four blocks, then the second pass's three
            assertThat(seriesChanges(s)).isEqualTo(2L * KEYS.length);
        }
    }

    /**
     * Ingest and steps interleaved at random, with tiny limits: whatever moved, each series' rows stay in ingest order
     * (ts counts up in ingest order here) and every row is there once.
     */
    @Test
    void eachSeriesKeepsItsIngestOrderUnderAnyInterleavingOfIngestAndSteps() throws SQLException {
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
            Migrations.apply(c, "duckdb");
            DuckDbPointLayout layout = new DuckDbPointLayout(c);
            layout.limits(new DuckDbPointLayout.Limits(50, 120, 400));
            SplittableRandom rnd = new SplittableRandom(7);
            long ts = 0;
            int steps = 0;
            for (int round = 0; round < 60; round++) {
                try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_points")) {
                    for (int chunk = rnd.nextInt(1, 6); chunk > 0; chunk--) {
                        int series = rnd.nextInt(6);
                        for (int i = rnd.nextInt(1, 40); i > 0; i--) {
                            a.beginRow().append(series).append(rnd.nextLong(5)).append(ts++).append(1.0).endRow();
                        }
                    }
                }
                layout.appended();
                for (int n = rnd.nextInt(3); n > 0 && layout.hasWork(); n--) {
                    steps += step(c, layout) ? 1 : 0;
                }
            }
            while (layout.hasWork() && step(c, layout)) {
                steps++;
            }
            assertThat(steps).isGreaterThan(10);
            long total = ts;
            assertThat(DuckDbSql.count(c, "SELECT count(DISTINCT ts) FROM metric_points")).isEqualTo(total);
            assertThat(DuckDbSql.count(c, "SELECT count(*) FROM metric_points")).isEqualTo(total);
            assertThat(DuckDbSql.count(c, "SELECT count(*) FROM (SELECT ts < lag(ts) OVER (PARTITION BY series_id "
                    + "ORDER BY rowid) AS back FROM metric_points) WHERE back")).isZero();
        }
    }

    private static boolean step(DuckDBConnection c, DuckDbPointLayout layout) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            DuckDbPointLayout.Step step = layout.step();
            st.execute("COMMIT");
            if (step != null) {
                layout.committed(step);
            }
            return step != null;
        }
    }
}
