package dev.observatory.bench.query;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.demo.DemoData;
import dev.observatory.core.query.SqlQueries;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Session 5's SQL numbers on DuckDB, through SqlQueries (statement check, sandboxed connection, wrapper, row limit):
 * the latency of typical aggregate queries over the demo data plus {@code points} synthetic metric points, and the
 * timeout enforcement delay (time from the limit to the error) of queries that would run forever. Usage:
 * {@code SqlQueryLatency [points=1000000] [repeats=50]}.
 */
public final class SqlQueryLatency {

    private SqlQueryLatency() {
    }

    public static void main(String[] args) throws IOException {
        long points = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("sql-bench");
        try (DuckDbStorage store = DuckDbStorage.open(dir.resolve("observatory.duckdb"))) {
            DemoData.write(store, 7, Instant.now());
            addPoints(store, points);
            Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
            SqlQueries sql = new SqlQueries(new Tracking(store, Clock.systemUTC(), false, auditor));
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("runs per project and status", "SELECT project, lower(status) AS status, count(*) AS runs"
                    + " FROM runs GROUP BY project, lower(status) ORDER BY project, status");
            queries.put("best loss per run (series join)", "SELECT r.project, r.name, s.min_value FROM runs r JOIN"
                    + " series s ON s.run_id = r.id WHERE s.metric_key = 'loss' ORDER BY s.min_value LIMIT 10");
            queries.put("avg per metric over all points", "SELECT s.metric_key, count(*) AS n, avg(p.value) AS mean"
                    + " FROM metric_points p JOIN series s USING (series_id) GROUP BY s.metric_key ORDER BY n DESC");
            System.out.printf("data: demo + %,d synthetic points (%,d points stored)%n", points,
                    store.metrics().pointCount());
            for (var q : queries.entrySet()) {
                double[] ms = new double[repeats];
                for (int i = -5; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    sql.run(q.getValue(), null, null);
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                Arrays.sort(ms);
                System.out.printf("%-34s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms%n", q.getKey(), ms[repeats / 2],
                        ms[(int) (repeats * 0.95)], ms[repeats - 1]);
            }
            timeouts(sql);
            auditor.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void addPoints(DuckDbStorage store, long points) {
        if (points <= 0) {
            return;
        }
        store.projects().create("sql-bench", null);
        String run = store.runs().create(NewRun.of("sql-bench", "big")).id();
        Random random = new Random(42);
        int batch = 100_000;
        for (long done = 0; done < points; done += batch) {
            int n = (int) Math.min(batch, points - done);
            long[] steps = new long[n];
            double[] values = new double[n];
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                steps[i] = done + i;
                values[i] = 3.0 / Math.sqrt(1 + steps[i] / 100.0) + random.nextGaussian() * 0.01;
                ts[i] = 1_735_689_600_000L + steps[i];
            }
            store.metrics().append(run, Map.of("loss", new MetricColumns(steps, values, ts)));
        }
    }

    private static void timeouts(SqlQueries sql) {
        Map<String, String> forever = new LinkedHashMap<>();
        forever.put("recursive CTE",
                "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t)" + " SELECT count(*) FROM t");
        forever.put("cross join",
                "SELECT count(*) FROM range(100000000) a, range(100000000) b" + " WHERE a.range + b.range < 0");
        for (double limit : new double[] { 0.5, 2.0 }) {
            for (var q : forever.entrySet()) {
                double worst = 0;
                double sum = 0;
                int n = 5;
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    try {
                        sql.run(q.getValue(), 10, limit);
                        throw new IllegalStateException(q.getKey() + " finished");
                    } catch (IllegalArgumentException e) {
                        double late = (System.nanoTime() - t0) / 1e6 - limit * 1000;
                        worst = Math.max(worst, late);
                        sum += late;
                    }
                    long t1 = System.nanoTime();
                    sql.run("SELECT count(*) FROM runs", null, null);
                    if (i == n - 1) {
                        System.out.printf("  next query after the timeout: %.2f ms%n", (System.nanoTime() - t1) / 1e6);
                    }
                }
                System.out.printf("timeout %.1f s, %-14s error arrives after the limit by mean %6.1f ms, worst %6.1f"
                        + " ms (%d runs)%n", limit, q.getKey(), sum / n, worst, n);
            }
        }
    }
}
