package dev.observatory.server.promapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsIngest;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.prom.PrometheusClient;
import dev.observatory.core.opsmetrics.prom.PrometheusException;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.memory.InMemoryStorage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus-compatible query API over real HTTP: the JSON shapes of Prometheus' documentation (vector, scalar,
 * matrix, series, labels, label values, buildinfo, errors), GET and POST, and Observatory's own Prometheus client
 * pointed at it.
 */
class PrometheusApiTest {
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final java.nio.file.Path PROMTOOL = java.nio.file.Path.of("/usr/bin/promtool");
    /** Evaluation time of the tests: 2025-03-01T10:00:00Z, 1740823200 s. */
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final long T = NOW.getEpochSecond();
    static InMemoryStorage store;
    static Auditor auditor;
    static HttpServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new InMemoryStorage();
        auditor = new Auditor(store.audit(), clock);
        Tracking tracking = new Tracking(store, clock, false, auditor);
        List<OpsSamples> samples = new ArrayList<>();
        samples.add(counter(Map.of("service", "api", "code", "200"), 10));
        samples.add(counter(Map.of("service", "api", "code", "500"), 1));
        long[] t = { (T - 60) * 1000, (T - 30) * 1000, T * 1000 };
        samples.add(new OpsSamples(OpsSeries.of("room_temperature_celsius", Map.of("room", "lab")), t,
                new double[] { 21.5, 21.75, 0.1 }));
        new OpsMetrics(tracking).ingest(OpsIngest.of(samples));
        HttpServer.Builder b = HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).version("test").stopTimeout(Duration.ZERO);
        PrometheusApi.mountOn(b, tracking, "test");
        server = b.build();
        server.start();
        base = "http://127.0.0.1:" + server.port() + "/prometheus";
    }

    /** A counter growing by {@code perSecond} every second, sampled every 15 s over the last 10 minutes. */
    static OpsSamples counter(Map<String, String> labels, double perSecond) {
        int n = 41;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (T - 600 + i * 15L) * 1000;
            v[i] = perSecond * i * 15;
        }
        return new OpsSamples(OpsSeries.of("http_requests_total", labels), t, v);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (auditor != null) {
            auditor.close();
        }
    }

    record Answer(int status, JsonNode body, String contentType) {
    }

    static Answer get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Content-Type").orElse(""));
    }

    static Answer post(String path, String form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Content-Type").orElse(""));
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void instantQueryAnswersAVectorWithUnixSecondsAndStringValues() throws Exception {
        Answer a = get("/api/v1/query?query=" + q("sum by (code) (rate(http_requests_total[5m]))") + "&time=" + T);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.body().path("status").asString()).isEqualTo("success");
        JsonNode data = a.body().path("data");
        assertThat(data.path("resultType").asString()).isEqualTo("vector");
        assertThat(data.path("result").size()).isEqualTo(2);
        JsonNode first = data.path("result").get(0);
        assertThat(first.path("metric").properties()).hasSize(1);
        assertThat(first.path("metric").path("code").asString()).isEqualTo("200");
        assertThat(first.path("value").get(0).isIntegralNumber()).isTrue();
        assertThat(first.path("value").get(0).asLong()).isEqualTo(T);
        assertThat(first.path("value").get(1).isString()).isTrue();
        assertThat(Double.parseDouble(first.path("value").get(1).asString())).isCloseTo(10, within(1e-9));
        JsonNode selector = get("/api/v1/query?query=" + q("room_temperature_celsius") + "&time=" + (T - 30) + ".5")
                .body().path("data");
        assertThat(selector.path("result").get(0).path("metric").path("__name__").asString())
                .isEqualTo("room_temperature_celsius");
        assertThat(selector.path("result").get(0).path("value").toString()).isEqualTo("[" + (T - 30) + ".5,\"21.75\"]");
    }

    @Test
    void scalarQueryAndRfc3339TimeAsGrafanasHealthCheckSendsThem() throws Exception {
        Answer a = post("/api/v1/query", "query=" + q("1+1") + "&time=" + q("2025-03-01T10:00:00.250Z"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("data").path("resultType").asString()).isEqualTo("scalar");
        assertThat(a.body().path("data").path("result").toString()).isEqualTo("[" + T + ".25,\"2\"]");
    }

    @Test
    void rangeQueryAnswersAMatrixOverGetAndPost() throws Exception {
        String form = "query=" + q("room_temperature_celsius{room=\"lab\"}") + "&start=" + (T - 60) + "&end=" + T
                + "&step=30s";
        for (Answer a : List.of(get("/api/v1/query_range?" + form), post("/api/v1/query_range", form))) {
            assertThat(a.status()).isEqualTo(200);
            JsonNode data = a.body().path("data");
            assertThat(data.path("resultType").asString()).isEqualTo("matrix");
            JsonNode series = data.path("result").get(0);
            assertThat(series.path("metric").path("room").asString()).isEqualTo("lab");
            assertThat(series.path("values").toString())
                    .isEqualTo("[[" + (T - 60) + ",\"21.5\"],[" + (T - 30) + ",\"21.75\"],[" + T + ",\"0.1\"]]");
        }
        Answer seconds = get("/api/v1/query_range?query=" + q("2") + "&start=" + (T - 60) + "&end=" + T + "&step=60");
        assertThat(seconds.body().path("data").path("result").toString())
                .isEqualTo("[{\"metric\":{},\"values\":[[" + (T - 60) + ",\"2\"],[" + T + ",\"2\"]]}]");
    }

    @Test
    void seriesLabelsAndLabelValuesListTheStore() throws Exception {
        Answer series = get("/api/v1/series?match[]=" + q("http_requests_total{code=\"500\"}"));
        assertThat(series.status()).isEqualTo(200);
        assertThat(series.body().path("data").toString())
                .isEqualTo("[{\"__name__\":\"http_requests_total\",\"code\":\"500\",\"service\":\"api\"}]");
        Answer two = post("/api/v1/series", "match[]=" + q("http_requests_total") + "&match[]="
                + q("room_temperature_celsius") + "&start=" + (T - 3600) + "&end=" + T);
        assertThat(two.body().path("data").size()).isEqualTo(3);
        assertThat(get("/api/v1/labels").body().path("data").toString())
                .isEqualTo("[\"__name__\",\"code\",\"room\",\"service\"]");
        assertThat(get("/api/v1/labels?match[]=" + q("room_temperature_celsius")).body().path("data").toString())
                .isEqualTo("[\"__name__\",\"room\"]");
        assertThat(get("/api/v1/label/__name__/values").body().path("data").toString())
                .isEqualTo("[\"http_requests_total\",\"room_temperature_celsius\"]");
        assertThat(get("/api/v1/label/code/values").body().path("data").toString()).isEqualTo("[\"200\",\"500\"]");
        assertThat(get("/api/v1/label/code/values?limit=1").body().path("data").toString()).isEqualTo("[\"200\"]");
        assertThat(get("/api/v1/label/nothing/values").body().path("data").toString()).isEqualTo("[]");
    }

    @Test
    void buildInfoAndMetadataAnswerLikePrometheus() throws Exception {
        JsonNode info = get("/api/v1/status/buildinfo").body();
        assertThat(info.path("status").asString()).isEqualTo("success");
        assertThat(info.path("data").path("version").asString()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(info.path("data").path("revision").asString()).isEqualTo("observatory-test");
        assertThat(get("/api/v1/metadata").body().path("data").isObject()).isTrue();
    }

    @Test
    void badInputIsA400WithPrometheusErrorTypeAndMessage() throws Exception {
        Map<String, String> cases = Map.of("/api/v1/query?query=" + q("sum(rate(x[5m]"), "",
                "/api/v1/query?query=" + q("up") + "&time=yesterday", "\"time\"", "/api/v1/query", "\"query\"",
                "/api/v1/query_range?query=up&start=" + T + "&end=" + (T - 10) + "&step=15", "before start",
                "/api/v1/query_range?query=up&start=" + (T - 10) + "&end=" + T + "&step=0", "step",
                "/api/v1/query_range?query=up&start=" + (T - 10) + "&end=" + T + "&step=soon", "\"step\"",
                "/api/v1/series", "match[]", "/api/v1/series?match[]=" + q("rate(up[5m])"), "series selector");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Answer a = get(c.getKey());
            assertThat(a.status()).as(c.getKey()).isEqualTo(400);
            assertThat(a.body().path("status").asString()).isEqualTo("error");
            assertThat(a.body().path("errorType").asString()).isEqualTo("bad_data");
            assertThat(a.body().path("error").asString()).as(c.getKey()).isNotBlank().contains(c.getValue());
        }
        Answer missing = get("/api/v1/rules");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("errorType").asString()).isEqualTo("not_found");
    }

    @Test
    void observatorysOwnPrometheusClientReadsItAsAPrometheus() {
        PrometheusClient client = new PrometheusClient(URI.create(base), Duration.ofSeconds(5));
        long[] steps = { (T - 60) * 1000, (T - 30) * 1000, T * 1000 };
        var result = PrometheusClient
                .toResult(client.queryRange("room_temperature_celsius", steps[0], steps[2], 30_000), steps);
        assertThat(result.rows()).singleElement()
                .satisfies(r -> assertThat(r.values()).containsExactly(21.5, 21.75, 0.1));
        assertThat(client.labelValues("__name__").toString()).contains("http_requests_total");
        assertThat(client.series("http_requests_total", steps[0], steps[2]).size()).isEqualTo(2);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> client.query("sum(", T * 1000)))
                .isInstanceOf(PrometheusException.class).hasMessageContaining("bad_data");
    }

    /** Runs promtool (Prometheus' own Go API client) against the API; its output, or an AssertionError. */
    static String promtool(boolean ok, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PROMTOOL.toString(), "query"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue() == 0).as("promtool %s answered:%n%s", cmd, out).isEqualTo(ok);
        return out;
    }

    @Test
    void promtoolQueriesItAsAPrometheusServer() throws Exception {
        org.assertj.core.api.Assumptions.assumeThat(java.nio.file.Files.isExecutable(PROMTOOL))
                .as("promtool is not installed: `apt-get install -y prometheus` (CI runs .ci/install-prometheus.sh)")
                .isTrue();
        String vector = promtool(true, "instant", "-o", "json", "--time=" + T, base,
                "sum by (code) (rate(http_requests_total[5m]))");
        JsonNode v = JSON.readTree(vector);
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.get(1).path("metric").path("code").asString()).isEqualTo("500");
        assertThat(Double.parseDouble(v.get(1).path("value").get(1).asString())).isCloseTo(1, within(1e-9));
        String matrix = promtool(true, "range", "-o", "json", "--start=" + (T - 60), "--end=" + T, "--step=30s", base,
                "room_temperature_celsius");
        assertThat(JSON.readTree(matrix).get(0).path("values").toString())
                .isEqualTo("[[" + (T - 60) + ",\"21.5\"],[" + (T - 30) + ",\"21.75\"],[" + T + ",\"0.1\"]]");
        assertThat(promtool(true, "series", "--match=http_requests_total{code=\"500\"}", base)).contains("code=\"500\"")
                .contains("service=\"api\"");
        assertThat(promtool(true, "labels", base, "code").lines().toList()).containsExactly("200", "500");
        assertThat(promtool(false, "instant", base, "sum(")).contains("bad_data");
    }
}
