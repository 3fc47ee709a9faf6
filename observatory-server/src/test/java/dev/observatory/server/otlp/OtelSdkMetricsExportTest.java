package dev.observatory.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.OpsMetricsSettings;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.Row;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.memory.InMemoryStorage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Java SDK's own OTLP/HTTP metric exporter sends a counter, a gauge, an explicit-bucket histogram and
 * an exponential histogram to a running server; they are queried back from the service metric store (rate,
 * histogram_quantile). Names get {@code _total} for monotonic sums but no unit suffix (decision 0012).
 */
class OtelSdkMetricsExportTest {
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    final InMemoryStorage store = new InMemoryStorage();
    final Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
    final Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
    final HttpServer server;
    SdkMeterProvider provider;

    OtelSdkMetricsExportTest() {
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
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        server.stop();
        auditor.close();
    }

    private Meter meter(AggregationTemporalitySelector temporality) {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.port() + "/v1/metrics").setCompression("gzip")
                .setAggregationTemporalitySelector(temporality).build();
        provider = SdkMeterProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "api"))))
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
                .registerView(InstrumentSelector.builder().setName("rpc.latency").build(),
                        View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram(160, 20)).build())
                .build();
        return provider.get("dev.observatory.test");
    }

    private void flush() {
        CompletableResultCode done = provider.forceFlush().join(10, TimeUnit.SECONDS);
        assertThat(done.isSuccess()).as("the exporter's flush succeeded").isTrue();
    }

    private double single(String query) {
        long now = System.currentTimeMillis() + 1000;
        QueryResult r = new OpsMetrics(tracking).query(query, now, now, 1);
        assertThat(r.rows()).as("%s; names: %s", query, new OpsMetrics(tracking).names(null)).hasSize(1);
        Row row = r.rows().get(0);
        return row.values()[row.values().length - 1];
    }

    @Test
    void countersGaugesAndBothHistogramKindsArriveAndAreQueryable() {
        Meter meter = meter(AggregationTemporalitySelector.alwaysCumulative());
        LongCounter requests = meter.counterBuilder("http.server.requests").build();
        DoubleHistogram duration = meter.histogramBuilder("http.server.request.duration").setUnit("s")
                .setExplicitBucketBoundariesAdvice(List.of(0.1, 0.25, 0.5, 1.0)).build();
        DoubleHistogram rpc = meter.histogramBuilder("rpc.latency").setUnit("ms").build();
        meter.gaugeBuilder("queue.depth").buildWithCallback(m -> m.record(7, Attributes.of(ROUTE, "/q")));
        for (int i = 0; i < 100; i++) {
            requests.add(1, Attributes.of(ROUTE, i % 10 == 0 ? "/b" : "/a"));
            duration.record(i < 80 ? 0.05 : i < 95 ? 0.2 : 0.7, Attributes.of(ROUTE, "/a"));
            rpc.record(1 + i, Attributes.of(ROUTE, "/rpc"));
        }
        flush();

        List<String> names = new OpsMetrics(tracking).names(null);
        assertThat(names).contains("http_server_requests_total", "http_server_request_duration_bucket", "queue_depth");
        assertThat(single("sum(http_server_requests_total{job=\"api\"})")).isEqualTo(100);
        assertThat(single("http_server_requests_total{http_route=\"/b\"}")).isEqualTo(10);
        assertThat(single("queue_depth")).isEqualTo(7);
        assertThat(single("sum(http_server_request_duration_count)")).isEqualTo(100);
        assertThat(single("histogram_quantile(0.9, sum by (le) (http_server_request_duration_bucket))"))
                .as("P90 inside (0.1, 0.25]: 10 of the 15 there").isCloseTo(0.2, within(0.001));
        String rpcBucket = names.stream().filter(n -> n.startsWith("rpc_latency") && n.endsWith("_bucket")).findFirst()
                .orElseThrow(() -> new AssertionError("no exponential histogram buckets in " + names));
        assertThat(single("histogram_quantile(0.5, sum by (le) (" + rpcBucket + "))"))
                .as("median of 1..100 ms from base-2 exponential buckets").isCloseTo(50.5, within(2.0));
    }

    @Test
    void deltaTemporalityIsAccumulatedIntoCumulativeCounters() {
        Meter meter = meter(AggregationTemporalitySelector.deltaPreferred());
        LongCounter requests = meter.counterBuilder("jobs.done").build();
        requests.add(5);
        flush();
        requests.add(3);
        flush();

        assertThat(single("sum(jobs_done_total)")).isEqualTo(8);
    }
}
