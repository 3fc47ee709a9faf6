package dev.observatory.server.promwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.OpsMetricsSettings;
import dev.observatory.core.opsmetrics.prom.PrometheusClient;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ToolOutcome;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian package {@code prometheus}) on loopback scrapes Observatory's /metrics every second and
 * remote-writes what it scrapes back into Observatory's /api/v1/write; the tools query both.
 */
class PrometheusEndToEndTest {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Set<String> OPS = Set.of("ops");

    @TempDir
    static Path dir;
    static InMemoryStorage store;
    static Auditor auditor;
    static Tracking tracking;
    static HttpServer server;
    static Process prometheus;
    static ToolRegistry tools;
    static URI promUrl;

    @BeforeAll
    static void start() throws Exception {
        assumeThat(Files.isExecutable(BINARY))
                .as("Prometheus is not installed: `apt-get install -y prometheus` (CI runs .ci/install-prometheus.sh)")
                .isTrue();
        store = new InMemoryStorage();
        auditor = new Auditor(store.audit(), Clock.systemUTC());
        tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
        Meters meters = new Meters();
        HttpServer.Builder b = HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).meters(meters).version("test").stopTimeout(Duration.ZERO);
        RemoteWrite.mountOn(b, tracking, meters, 16L << 20, 4);
        server = b.build();
        server.start();
        int promPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            promPort = s.getLocalPort();
        }
        String obs = "127.0.0.1:" + server.port();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: observatory-recording
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                """);
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ['rules.yml']
                scrape_configs:
                  - job_name: observatory
                    scrape_interval: 1s
                    static_configs:
                      - targets: ['%s']
                remote_write:
                  - url: http://%s/api/v1/write
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 1s
                """.formatted(obs, obs));
        prometheus = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
                        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        promUrl = URI.create("http://127.0.0.1:" + promPort);
        OpsMetrics.configure(tracking, new OpsMetricsSettings(promUrl, Duration.ofSeconds(5), 0));
        tools = new ToolRegistry(tracking, meters,
                new McpSettings(OPS, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        PrometheusClient client = new PrometheusClient(promUrl, Duration.ofSeconds(2));
        await("Prometheus scrapes Observatory", () -> {
            try {
                for (JsonNode t : client.targets().path("activeTargets")) {
                    if (t.path("health").asString().equals("up")) {
                        return true;
                    }
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            return false;
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(5, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (server != null) {
            server.stop();
        }
        if (auditor != null) {
            auditor.close();
        }
    }

    static void await(String what, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline || !prometheus.isAlive()) {
                throw new AssertionError(
                        what + " did not happen; Prometheus log:\n" + Files.readString(dir.resolve("prometheus.log")));
            }
            Thread.sleep(200);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, new Actor("test", "mcp"), OPS);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    static void get(String path) throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheus_scrapes_observatory_and_query_metrics_reads_it_back() throws Exception {
        for (int i = 0; i < 5; i++) {
            get("/health");
        }
        await("the /health requests are scraped", () -> {
            Map<String, Object> r = ok("query_metrics",
                    Map.of("query", "sum(observatory_http_requests_total{job=\"observatory\",route=\"/health\"})"));
            List<Map<String, Object>> series = (List<Map<String, Object>>) r.get("series");
            return !series.isEmpty() && ((Number) series.get(0).get("last")).doubleValue() >= 5;
        });

        Map<String, Object> up = ok("query_metrics", Map.of("query", "up", "source", "prometheus"));
        assertThat(up.get("source")).isEqualTo("prometheus");
        assertThat((List<Map<String, Object>>) up.get("series")).singleElement().satisfies(s -> {
            assertThat((Map<String, String>) s.get("labels")).containsEntry("job", "observatory");
            assertThat(s.get("last")).isEqualTo(1.0);
        });
        Map<String, Object> range = ok("query_metrics", Map.of("query", "up", "last", "30s", "step", "5s"));
        assertThat(range.get("result_type")).isEqualTo("matrix");
        assertThat((List<Map<String, Object>>) range.get("series")).singleElement()
                .satisfies(s -> assertThat((List<?>) s.get("points")).isNotEmpty());
        Map<String, Object> names = ok("list_metric_names", Map.of("contains", "observatory_http"));
        assertThat((List<String>) names.get("names")).contains("observatory_http_requests_total");
        Map<String, Object> alerts = ok("list_alerts", Map.of("include_prometheus", true));
        assertThat((List<?>) alerts.get("prometheus_alerts")).as("this Prometheus has no alerting rules").isEmpty();
        assertThat(alerts).doesNotContainKey("prometheus_error");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_prometheus_status_lists_the_scrape_target_and_the_recording_rule() throws Exception {
        await("the observatory target is up and the rule evaluated", () -> {
            List<Map<String, Object>> t = (List<Map<String, Object>>) ok("get_prometheus_status",
                    Map.of("what", "targets")).get("items");
            List<Map<String, Object>> r = (List<Map<String, Object>>) ok("get_prometheus_status",
                    Map.of("what", "rules")).get("items");
            return t.size() == 1 && "up".equals(t.get(0).get("health")) && r.size() == 1
                    && "ok".equals(r.get(0).get("health"));
        });
        Map<String, Object> targets = ok("get_prometheus_status", Map.of());
        assertThat(targets.get("what")).isEqualTo("targets");
        assertThat((List<Map<String, Object>>) targets.get("items")).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("job", "observatory").containsEntry("instance", "127.0.0.1:" + server.port())
                    .doesNotContainKey("last_error");
        });
        assertThat((Map<String, Object>) targets.get("by_health")).containsEntry("up", 1);
        Map<String, Object> rules = ok("get_prometheus_status", Map.of("what", "rules"));
        assertThat((List<Map<String, Object>>) rules.get("items")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("group", "observatory-recording").containsEntry("name", "job:up:sum")
                    .containsEntry("type", "recording").containsEntry("query", "sum by (job) (up)");
        });
        ToolOutcome bad = tools.invoke("get_prometheus_status", Map.of("what", "alerts"), new Actor("test", "mcp"),
                OPS);
        assertThat(bad.result().isError()).isTrue();
    }

    @Test
    void invalid_promql_passes_prometheus_error_through() {
        ToolOutcome o = tools.invoke("query_metrics", Map.of("query", "sum(rate(up[5m])"), new Actor("test", "mcp"),
                OPS);
        assertThat(o.result().isError()).isTrue();
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(o.errorMessage()).contains("Prometheus refused").containsIgnoringCase("parse error");
    }

    @Test
    @SuppressWarnings("unchecked")
    void remote_write_from_prometheus_lands_in_the_metric_store() throws Exception {
        await("remote-written samples arrive",
                () -> !store.opsMetrics().series("up").isEmpty() && store.opsMetrics().countSamples() > 50);

        assertThat(store.opsMetrics().series("up")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("job", "observatory").containsKey("instance"));
        Map<String, Object> r = ok("query_metrics",
                Map.of("query", "max(up{job=\"observatory\"})", "source", "observatory", "last", "1m", "step", "5s"));
        assertThat((List<Map<String, Object>>) r.get("series")).singleElement()
                .satisfies(s -> assertThat(s.get("last")).isEqualTo(1.0));
        Map<String, Object> names = ok("list_metric_names",
                Map.of("source", "observatory", "contains", "observatory_"));
        assertThat((List<String>) names.get("names")).contains("observatory_http_requests_total");
    }

    @Test
    void an_unreachable_prometheus_is_reported_and_observatory_still_answers() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        Tracking other = new Tracking(store, Clock.systemUTC(), false, auditor);
        OpsMetrics.configure(other,
                new OpsMetricsSettings(URI.create("http://127.0.0.1:" + dead), Duration.ofSeconds(2), 0));
        ToolRegistry registry = new ToolRegistry(other, new Meters(),
                new McpSettings(OPS, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));

        ToolOutcome o = registry.invoke("query_metrics", Map.of("query", "up"), new Actor("test", "mcp"), OPS);
        assertThat(o.result().isError()).isTrue();
        assertThat(o.errorMessage()).contains("unreachable").contains(String.valueOf(dead));
        ToolOutcome own = registry.invoke("list_metric_names", Map.of("source", "observatory"),
                new Actor("test", "mcp"), OPS);
        assertThat(own.ok()).isTrue();
        ToolOutcome alerts = registry.invoke("list_alerts", Map.of("include_prometheus", true),
                new Actor("test", "mcp"), OPS);
        assertThat(alerts.ok()).isTrue();
        assertThat(((Map<?, ?>) alerts.data()).get("prometheus_error").toString()).contains("unreachable");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_slo_reads_its_events_from_prometheus_and_a_bad_query_is_prometheus_own_error() throws Exception {
        await("Prometheus has scraped a few times", () -> {
            Map<String, Object> r = ok("query_metrics",
                    Map.of("query", "count_over_time(up{job=\"observatory\"}[1h])", "source", "prometheus"));
            List<Map<String, Object>> series = (List<Map<String, Object>>) r.get("series");
            return !series.isEmpty() && ((Number) series.get(0).get("last")).doubleValue() >= 3;
        });
        ok("create_slo",
                Map.of("name", "scrapes-up", "target", 99.0, "sli",
                        Map.of("source", "prometheus", "total", "count_over_time(up{job=\"observatory\"}[$window])",
                                "good", "sum_over_time(up{job=\"observatory\"}[$window])")));

        Map<String, Object> s = ((List<Map<String, Object>>) ok("get_slo_status", Map.of("name", "scrapes-up"))
                .get("statuses")).get(0);

        assertThat(((Number) s.get("events")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(s.get("bad_events")).isEqualTo(0.0);
        assertThat(s.get("meeting")).isEqualTo(true);
        assertThat(((Map<String, Object>) s.get("slo")).get("sli"))
                .isEqualTo(Map.of("source", "prometheus", "good", "sum_over_time(up{job=\"observatory\"}[$window])",
                        "total", "count_over_time(up{job=\"observatory\"}[$window])"));

        ok("create_slo", Map.of("name", "broken", "sli",
                Map.of("source", "prometheus", "total", "sum(rate(up[$window])", "bad", "up")));
        ToolOutcome o = tools.invoke("get_slo_status", Map.of("name", "broken"), new Actor("test", "mcp"), OPS);
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(o.errorMessage()).contains("SLO broken").contains("Prometheus refused")
                .containsIgnoringCase("parse error");
    }
}
