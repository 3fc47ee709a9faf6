package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.NewRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points staged as list rows and moved by one insert per group (decision 0043) land exactly as sent: every series'
 * points in ingest order (resent steps included), values bit for bit (NaN, -0.0, infinities), across many batches
 * applied in one group. The journal replay at open queues every record before the writer runs, so they are applied as
 * one group.
 */
class DuckDbPointStagingTest {

    @TempDir
    Path dir;

    @Test
    void aGroupOfBatchesKeepsEverySeriesInIngestOrderAndEveryValueBitForBit() {
        Path db = dir.resolve("o.duckdb");
        String runId;
        try (DuckDbStorage s = DuckDbStorage.open(db)) {
            s.projects().create("p", null);
            runId = s.runs().create(NewRun.of("p", "r")).id();
        }
        Random rnd = new Random(43);
        Map<String, List<double[]>> sent = new LinkedHashMap<>(); // key -> {step, value bits, ts} in ingest order
        try (DuckDbMetricJournal j = DuckDbMetricJournal.open(db.resolveSibling("o.duckdb.journal"), true, 0, e -> {
        })) {
            for (int r = 0; r < 40; r++) {
                Map<String, MetricColumns> batch = new LinkedHashMap<>();
                for (String key : r % 3 == 0 ? List.of("b", "a") : List.of("a", "c", "b")) {
                    batch.put(key, columns(key, r, 1 + rnd.nextInt(1_500), rnd, sent));
                }
                j.sync(j.append(DuckDbJournalCodec.encode(runId, batch), s -> {
                }));
            }
        }
        try (DuckDbStorage s = DuckDbStorage.open(db)) {
            for (Map.Entry<String, List<double[]>> e : sent.entrySet()) {
                List<double[]> expected = new ArrayList<>(e.getValue());
                expected.sort(java.util.Comparator.comparingDouble(p -> p[0])); // stable: ingest order within a step
                List<MetricPoint> read = s.metrics().read(runId, e.getKey(), Long.MIN_VALUE, Long.MAX_VALUE, 0,
                        1_000_000);
                assertThat(read).hasSize(expected.size());
                for (int i = 0; i < read.size(); i++) {
                    MetricPoint p = read.get(i);
                    double[] x = expected.get(i);
                    assertThat(p.step()).as("%s point %d", e.getKey(), i).isEqualTo((long) x[0]);
                    assertThat(Double.doubleToRawLongBits(p.value())).as("%s point %d", e.getKey(), i)
                            .isEqualTo(Double.doubleToRawLongBits(x[1]));
                    assertThat(p.timestampMs()).as("%s point %d", e.getKey(), i).isEqualTo((long) x[2]);
                }
            }
        }
    }

    /**
     * n points of a key, steps resent across batches (each batch restarts a few steps back), special values mixed in.
     */
    private static MetricColumns columns(String key, int batch, int n, Random rnd, Map<String, List<double[]>> sent) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        long first = batch * 500L;
        double[] special = { Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
        for (int i = 0; i < n; i++) {
            steps[i] = first + i;
            values[i] = rnd.nextInt(50) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextGaussian();
            ts[i] = 1_700_000_000_000L + batch * 1_000L + i;
            sent.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] { steps[i], values[i], ts[i] });
        }
        return new MetricColumns(steps, values, ts);
    }
}
