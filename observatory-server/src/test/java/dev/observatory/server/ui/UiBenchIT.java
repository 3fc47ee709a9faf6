package dev.observatory.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The UI's performance bars in Chromium (numbers for docs/benchmarks.md): the runs table of a 10,000-run project (20
 * metrics each) and a run page with 20 metrics of 100,000 points. Opt-in: {@code -Dobservatory.bench=true}; it asserts
 * only generous sanity bounds.
 */
@EnabledIfSystemProperty(named = "observatory.bench", matches = "true")
class UiBenchIT {
    private static final int RUNS = 10_000;
    private static final int METRICS = 20;

    @Test
    void runsTableOf10000RunsAndARunPageOf20MetricsOf100000Points() throws Exception {
        assumeTrue(Browser.available(), "Chromium and chromedriver are missing: run .ci/install-chromium.sh");
        Path dir = Files.createTempDirectory("obs-ui-bench");
        try (UiServer table = new UiServer(new InMemoryStorage(), List.of());
                UiServer duck = new UiServer(dir, List.of());
                Browser browser = new Browser(1440, 1000)) {
            long t0 = System.nanoTime();
            fill(table);
            Run big = duck.runWithSeries("bench-big", "twenty-by-100k", Map.of("lr", 0.001), METRICS, "train/m",
                    100_000);
            System.out.printf("bench data written in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            List<Double> ready = new ArrayList<>();
            List<Double> fcp = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                browser.open(table.url("/projects/bench-10k"));
                browser.awaitBodyData("ready");
                ready.add(browser.mark("obs-ready"));
                fcp.add(((Number) browser.paintTimings().getOrDefault("first-contentful-paint", -1)).doubleValue());
            }
            assertThat(browser.texts("#run-count").get(0)).isEqualTo("10,000 runs");
            List<Double> sorted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                browser.open(table.url("/projects/bench-10k?sort=metric%3Aeval%2Fmetric_10&order=asc"));
                browser.awaitBodyData("ready");
                sorted.add(browser.mark("obs-ready"));
            }
            List<Double> charts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                browser.open(duck.url("/runs/" + big.id()));
                assertThat(browser.awaitBodyData("chartsDrawn")).isEqualTo(String.valueOf(METRICS));
                charts.add(browser.mark("obs-charts-drawn"));
            }
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            for (String path : List.of("/ui/data/runs?project=bench-10k&columns=1",
                    "/ui/data/runs?project=bench-10k&metrics=eval/metric_10,train/metric_0&params=lr",
                    "/ui/data/runs?project=bench-10k&sort=param:lr&metrics=eval/metric_10")) {
                List<Long> ms = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long s0 = System.nanoTime();
                    http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(table.url(path))).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    ms.add((System.nanoTime() - s0) / 1_000_000);
                }
                System.out.printf("server: GET %s %s ms%n", path, ms);
            }
            System.out.printf(
                    "runs table, 10,000 runs x 20 metrics (memory store): first contentful paint %s ms,"
                            + " table rendered %s ms; sorted by a metric: rendered %s ms (per load)%n",
                    fcp, ready, sorted);
            System.out.printf("run page, 20 metrics x 100,000 points (DuckDB): all charts drawn %s ms (per load)%n",
                    charts);
            assertThat(ready.stream().mapToDouble(d -> d).min().orElseThrow()).isLessThan(5_000);
            assertThat(charts.stream().mapToDouble(d -> d).min().orElseThrow()).isLessThan(15_000);
        }
    }

    /**
     * 10,000 runs with params and 20 metrics of 10 points each, written from many threads so that the store's writer
     * groups them into few commits.
     */
    private static void fill(UiServer ui) throws InterruptedException {
        ui.store.projects().getOrCreate("bench-10k");
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        for (int r = 0; r < RUNS; r++) {
            int n = r;
            pool.submit(() -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(n);
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("lr", List.of(1e-4, 3e-4, 1e-3).get(n % 3));
                params.put("batch_size", List.of(32, 64, 128, 256).get(n % 4));
                params.put("seed", n);
                Run run = ui.store.runs().create(new NewRun("bench-10k", "run-" + n, RunStatus.RUNNING, "user" + n % 7,
                        List.of("sweep", "s" + n % 10), params, null, start.plusSeconds(n * 60L), null, null));
                Map<String, MetricColumns> batch = new LinkedHashMap<>();
                for (int k = 0; k < METRICS; k++) {
                    long[] steps = new long[10];
                    double[] values = new double[10];
                    long[] ts = new long[10];
                    for (int i = 0; i < 10; i++) {
                        steps[i] = i;
                        values[i] = random.nextDouble();
                        ts[i] = 1_700_000_000_000L + i;
                    }
                    batch.put((k < 10 ? "train/" : "eval/") + "metric_" + k, new MetricColumns(steps, values, ts));
                }
                ui.store.metrics().append(run.id(), batch);
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new IllegalStateException("the bench data was not written in 30 minutes");
        }
    }
}
