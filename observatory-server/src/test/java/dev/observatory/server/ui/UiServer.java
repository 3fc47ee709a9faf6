package dev.observatory.server.ui;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.server.http.ApiKeyAuth;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server with the web UI mounted over a DuckDB file (the default store) by default, on a free loopback
 * port.
 */
final class UiServer implements AutoCloseable {
    final StorageComponent store;
    final Tracking tracking;
    final HttpServer server;
    private final Auditor auditor;

    UiServer(Path dir, List<String> apiKeys) {
        this(DuckDbStorage.open(dir.resolve("ui.duckdb"), Clock.systemUTC()), apiKeys);
    }

    /** Over a given store (the benchmark's 10,000-run table uses the in-memory one to write it quickly). */
    UiServer(StorageComponent store, List<String> apiKeys) {
        Clock clock = Clock.systemUTC();
        this.store = store;
        auditor = new Auditor(store.audit(), clock);
        tracking = new Tracking(store, clock, false, auditor);
        ApiKeyAuth auth = new ApiKeyAuth(store.keys(), apiKeys);
        server = WebUi.mountOn(HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).auth(auth).version("test").stopTimeout(Duration.ZERO), tracking, auth).build();
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** A finished run whose one metric {@code key} has {@code points} steps of a noisy decaying curve. */
    Run runWithSeries(String project, String name, Map<String, Object> params, int keys, String prefix, int points) {
        store.projects().getOrCreate(project);
        Run run = store.runs().create(new NewRun(project, name, RunStatus.RUNNING, "bench", List.of("bench"), params,
                null, Instant.now().minusSeconds(3600), null, null));
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int from = 0; from < points; from += 100_000) {
            int n = Math.min(100_000, points - from);
            Map<String, MetricColumns> batch = new java.util.LinkedHashMap<>();
            for (int k = 0; k < keys; k++) {
                long[] steps = new long[n];
                double[] values = new double[n];
                long[] ts = new long[n];
                for (int i = 0; i < n; i++) {
                    long step = from + i;
                    steps[i] = step;
                    values[i] = (2.0 + k) * Math.exp(-step / (points / 4.0)) + 0.3 + 0.05 * random.nextGaussian();
                    ts[i] = 1_700_000_000_000L + step;
                }
                batch.put(keys == 1 ? prefix : prefix + "_" + k, new MetricColumns(steps, values, ts));
            }
            store.metrics().append(run.id(), batch);
        }
        store.runs().update(run.id(),
                new dev.observatory.model.RunPatch(null, RunStatus.FINISHED, null, null, null, Instant.now(), null));
        return run;
    }

    @Override
    public void close() {
        server.stop();
        auditor.close();
        store.close();
    }
}
