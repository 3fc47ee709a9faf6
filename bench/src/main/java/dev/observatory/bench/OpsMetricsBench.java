package dev.observatory.bench;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsIngest;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.OpsMetricsSettings;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Service metrics into DuckDB through the core service (what /api/v1/write and /v1/metrics call after decoding): ingest
 * rate in samples/s with remote-write-sized batches (1,000 series x 10 samples), then range queries with rate() over
 * 1,000,000 stored samples.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/cp.txt) dev.observatory.bench.OpsMetricsBench [series] [samplesPerSeries]
 * </pre>
 */
public final class OpsMetricsBench {
    private OpsMetricsBench() {
    }

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perSeries = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("ops-bench");
        long t0 = 1_735_689_600_000L;
        try (StorageComponent store = DuckDbStorage.open(dir.resolve("bench.duckdb"))) {
            Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
            Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
            OpsMetrics.configure(tracking, new OpsMetricsSettings(null, Duration.ofSeconds(1), 0));
            OpsMetrics metrics = new OpsMetrics(tracking);
            OpsSeries[] keys = new OpsSeries[series];
            for (int s = 0; s < series; s++) {
                keys[s] = OpsSeries.of("http_requests_total",
                        Map.of("route", "/r" + (s % 20), "pod", "pod-" + s, "service", "api"));
            }
            long start = System.nanoTime();
            int perBatch = 10;
            for (int from = 0; from < perSeries; from += perBatch) {
                List<OpsSamples> batch = new ArrayList<>(series);
                for (int s = 0; s < series; s++) {
                    long[] t = new long[perBatch];
                    double[] v = new double[perBatch];
                    for (int i = 0; i < perBatch; i++) {
                        t[i] = t0 + (from + i) * 15_000L;
                        v[i] = (from + i) * (s % 7 + 1);
                    }
                    batch.add(new OpsSamples(keys[s], t, v));
                }
                metrics.ingest(OpsIngest.of(batch));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = (long) series * perSeries;
            System.out.printf("RESULT ingest samples=%d seconds=%.2f samples_per_s=%.0f%n", total, seconds,
                    total / seconds);
            long end = t0 + (perSeries - 1) * 15_000L;
            query(metrics, "sum by (route) (rate(http_requests_total[5m]))", t0, end, 60_000);
            query(metrics, "rate(http_requests_total{route=\"/r3\"}[5m])", t0, end, 60_000);
            query(metrics, "sum(increase(http_requests_total[1h]))", end, end, 1);
            auditor.close();
        }
    }

    private static void query(OpsMetrics metrics, String q, long start, long end, long step) {
        long[] ms = new long[7];
        QueryResult r = null;
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            r = metrics.query(q, start, end, step);
            ms[i] = (System.nanoTime() - s) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("RESULT query=\"%s\" steps=%d series=%d samples_read=%d median_ms=%d min_ms=%d%n", q,
                r.steps().length, r.rows().size(), r.samplesRead(), ms[ms.length / 2], ms[0]);
    }
}
