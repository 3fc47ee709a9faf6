package dev.observatory.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.OpsMetricsSettings;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.memory.InMemoryStorage;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /v1/metrics over a real server: protobuf, JSON and gzip bodies into the service metric store. */
class OtlpMetricsReceiverTest {
    static final long T = 1_735_689_600_000L;
    final InMemoryStorage store = new InMemoryStorage();
    final Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
    final Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
    final HttpServer server;

    OtlpMetricsReceiverTest() {
        OpsMetrics.configure(tracking, new OpsMetricsSettings(null, Duration.ofSeconds(1), 0));
        Meters meters = new Meters();
        HttpServer.Builder b = HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).meters(meters).version("test").stopTimeout(Duration.ZERO);
        OtlpReceiver.mountOn(b, spans -> new SpanIngest.Result(spans.size(), 0, null),
                OtlpReceiver.metricsInto(new OpsMetrics(tracking)), OtlpSettings.defaults(), meters);
        server = b.build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        auditor.close();
    }

    HttpResponse<String> post(String type, byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/metrics"))
                .header("Content-Type", type);
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(body);
            }
            body = out.toByteArray();
            r.header("Content-Encoding", "gzip");
        }
        return HttpClient.newHttpClient().send(r.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    static ExportMetricsServiceRequest request(Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "api")))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics))))
                .build();
    }

    static NumberDataPoint point(long ms, long value, String route) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(ms * 1_000_000).setAsInt(value)
                .addAttributes(kv("http.route", route)).build();
    }

    double value(String name, Map<String, String> labels, long t) {
        OpsSamples s = store.opsMetrics().samples(List.of(OpsSeries.of(name, labels)), t, t).get(0);
        assertThat(s.size()).as("%s%s at %d", name, labels, t).isEqualTo(1);
        return s.values()[0];
    }

    @Test
    void cumulative_and_delta_sums_become_counters_named_the_prometheus_way() throws Exception {
        Metric cumulative = Metric.newBuilder().setName("http.requests")
                .setSum(Sum.newBuilder().setIsMonotonic(true)
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(point(T, 10, "/a")).addDataPoints(point(T + 1000, 15, "/a")))
                .build();
        Metric delta = Metric.newBuilder().setName("jobs_total")
                .setSum(Sum.newBuilder().setIsMonotonic(true)
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(point(T, 3, "/a")).addDataPoints(point(T + 1000, 4, "/a")))
                .build();

        HttpResponse<String> r = post("application/x-protobuf", request(cumulative, delta).toByteArray(), false);
        assertThat(r.statusCode()).isEqualTo(200);
        post("application/x-protobuf",
                request(Metric.newBuilder().setName("jobs_total")
                        .setSum(Sum.newBuilder().setIsMonotonic(true)
                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                                .addDataPoints(point(T + 2000, 5, "/a")))
                        .build()).toByteArray(),
                true);

        Map<String, String> labels = Map.of("service", "api", "job", "api", "http_route", "/a");
        assertThat(value("http_requests_total", labels, T + 1000)).isEqualTo(15);
        assertThat(value("jobs_total", labels, T)).isEqualTo(3);
        assertThat(value("jobs_total", labels, T + 1000)).isEqualTo(7);
        assertThat(value("jobs_total", labels, T + 2000)).isEqualTo(12);
    }

    @Test
    void histograms_become_bucket_series_that_quantiles_are_computed_from() throws Exception {
        Metric histogram = Metric.newBuilder().setName("http.server.request.duration").setHistogram(Histogram
                .newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setCount(10).setSum(4)
                        .addAllExplicitBounds(List.of(0.1, 0.5, 1.0)).addAllBucketCounts(List.of(1L, 4L, 4L, 1L))))
                .build();
        Metric exponential = Metric.newBuilder().setName("latency")
                .setExponentialHistogram(
                        ExponentialHistogram.newBuilder()
                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                .addDataPoints(ExponentialHistogramDataPoint
                                        .newBuilder().setTimeUnixNano(T * 1_000_000).setScale(0).setCount(7)
                                        .setZeroCount(1).setSum(20).setPositive(ExponentialHistogramDataPoint.Buckets
                                                .newBuilder().setOffset(0).addAllBucketCounts(List.of(2L, 4L)))))
                .build();

        assertThat(post("application/x-protobuf", request(histogram, exponential).toByteArray(), false).statusCode())
                .isEqualTo(200);

        Map<String, String> base = Map.of("service", "api", "job", "api");
        assertThat(value("http_server_request_duration_bucket", with(base, "le", "0.5"), T)).isEqualTo(5);
        assertThat(value("http_server_request_duration_bucket", with(base, "le", "+Inf"), T)).isEqualTo(10);
        assertThat(value("http_server_request_duration_count", base, T)).isEqualTo(10);
        assertThat(value("http_server_request_duration_sum", base, T)).isEqualTo(4);
        // scale 0: bucket i holds (2^i, 2^(i+1)]; zero count in le=0
        assertThat(value("latency_bucket", with(base, "le", "0"), T)).isEqualTo(1);
        assertThat(value("latency_bucket", with(base, "le", "2"), T)).isEqualTo(3);
        assertThat(value("latency_bucket", with(base, "le", "4"), T)).isEqualTo(7);
        QueryResult p50 = new OpsMetrics(tracking).query("histogram_quantile(0.5, http_server_request_duration_bucket)",
                T, T, 1);
        assertThat(p50.rows().get(0).values()[0]).isEqualTo(0.1 + 0.4 * (4.0 / 4));
    }

    @Test
    void json_bodies_are_accepted_and_bad_ones_refused() throws Exception {
        String json = """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}]},
                 "scopeMetrics":[{"metrics":[{"name":"queue.depth","gauge":{"dataPoints":[
                   {"timeUnixNano":"%d","asDouble":7.5,"attributes":[{"key":"queue","value":{"stringValue":"q1"}}]}]}}]}]}]}
                """
                .formatted(T * 1_000_000);

        HttpResponse<String> ok = post("application/json", json.getBytes(StandardCharsets.UTF_8), true);
        HttpResponse<String> bad = post("application/json", "{\"resourceMetrics\":5}".getBytes(StandardCharsets.UTF_8),
                false);
        HttpResponse<String> broken = post("application/x-protobuf", new byte[] { 10, 99, 1 }, false);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{}");
        assertThat(value("queue_depth", Map.of("service", "web", "job", "web", "queue", "q1"), T)).isEqualTo(7.5);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("resourceMetrics must be an array");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("ExportMetricsServiceRequest");
    }

    @Test
    void points_before_2000_are_rejected_as_a_partial_success() throws Exception {
        Metric gauge = Metric.newBuilder().setName("g").setGauge(io.opentelemetry.proto.metrics.v1.Gauge.newBuilder()
                .addDataPoints(point(1000, 1, "/a")).addDataPoints(point(T, 2, "/a"))).build();

        HttpResponse<String> r = post("application/json", "{}".getBytes(StandardCharsets.UTF_8), false);
        HttpResponse<String> partial = post("application/x-protobuf", request(gauge).toByteArray(), false);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(partial.statusCode()).isEqualTo(200);
        var response = io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse
                .parseFrom(partial.body().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("before 2000");
        assertThat(store.opsMetrics().countSamples()).isEqualTo(1);
    }

    static Map<String, String> with(Map<String, String> base, String k, String v) {
        Map<String, String> m = new java.util.TreeMap<>(base);
        m.put(k, v);
        return m;
    }
}
