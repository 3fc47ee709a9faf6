package dev.observatory.core.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsIngest;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.OpsMetricsSettings;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.StoreException;
import dev.observatory.store.memory.InMemoryStorage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** SLOs whose events come from Observatory's service metrics store (counters, histograms) instead of spans. */
class QuerySliSourceTest {
    static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
    static final long MINUTE = 60_000;
    final InMemoryStorage store = new InMemoryStorage();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
    final Slos slos = new Slos(tracking);
    final Actor actor = Actor.anonymous("test");

    /** A counter scraped every minute for two days; its value at minute m (0 = two days ago). */
    private void counter(String name, Map<String, String> labels, LongToDoubleFunction value) {
        int n = 2 * 24 * 60 + 1;
        long[] t = new long[n];
        double[] v = new double[n];
        long start = NOW.toEpochMilli() - 2 * 24 * 60 * MINUTE;
        for (int m = 0; m < n; m++) {
            t[m] = start + m * MINUTE;
            v[m] = value.applyAsDouble(m);
        }
        new OpsMetrics(tracking).ingest(OpsIngest.of(List.of(new OpsSamples(OpsSeries.of(name, labels), t, v))));
    }

    /** 100 good requests a minute for two days; 10 failing ones a minute in the last hour. */
    private void burningRequests() {
        long lastHour = 2 * 24 * 60 - 60;
        counter("http_requests_total", Map.of("job", "api", "code", "200"), m -> 100.0 * m);
        counter("http_requests_total", Map.of("job", "api", "code", "500"), m -> 10.0 * Math.max(0, m - lastHour));
    }

    private SloDefinition define(Map<String, Object> sli, String type, Object... more) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "api-from-metrics");
        spec.put("type", type);
        spec.put("sli", sli);
        for (int i = 0; i < more.length; i += 2) {
            spec.put((String) more[i], more[i + 1]);
        }
        return slos.create(actor, spec);
    }

    @Test
    void availabilityFromCountersOfBadAndTotalRequestsBurnsTheBudgetInTheLastHour() {
        burningRequests();
        SloDefinition slo = define(Map.of("source", "metrics", "total", "http_requests_total{job=\"api\"}", "bad",
                "http_requests_total{job=\"api\",code=~\"5..\"}"), "availability");

        SloStatus s = slos.status(slo.name());

        // last hour: 600 bad of 6,600 = 9.1% bad over a 0.1% budget: burn rate ~91
        assertThat(s.burnRates().get("1h")).isCloseTo(90.9, within(3.0));
        assertThat(s.burnRates().get("24h")).isCloseTo(600.0 / (144_000 + 600) / 0.001, within(0.3));
        assertThat(s.firingSeverity()).isEqualTo("page");
        assertThat(s.events()).isBetween(287_000L, 289_000L);
        assertThat(s.badEvents()).isCloseTo(600, within(12.0));
        assertThat(s.meeting()).isFalse();
        assertThat(s.value()).isCloseTo(100 - 100 * 600.0 / 288_600, within(0.01));
    }

    @Test
    void goodEventsGivenAsAnExpressionWithTheWindowPlaceholder() {
        burningRequests();
        SloDefinition slo = define(
                Map.of("source", "metrics", "total", "http_requests_total", "good",
                        "sum(increase(http_requests_total{code=\"200\"}[$window]))"),
                "error_rate", "max_error_rate", 1);

        SloStatus s = slos.status(slo.name());

        assertThat(s.burnRates().get("1h")).isCloseTo(600.0 / 6600 / 0.01, within(0.3));
        assertThat(s.value()).isCloseTo(100 * 600.0 / 288_600, within(0.01));
        assertThat(slos.get(slo.name()).sli().good()).contains("$window");
    }

    @Test
    void latencyFromAHistogramGivesThePercentileAndTheShareUnderTheThreshold() {
        // per minute: 80 requests <= 100 ms, 15 in (100, 250], 4 in (250, 500], 1 in (500 ms, 1 s]
        double[] perMinute = { 80, 95, 99, 100, 100 };
        String[] le = { "0.1", "0.25", "0.5", "1", "+Inf" };
        for (int i = 0; i < le.length; i++) {
            double c = perMinute[i];
            counter("http_server_duration_seconds_bucket", Map.of("job", "api", "le", le[i]), m -> c * m);
        }
        SloDefinition slo = define(
                Map.of("source", "metrics", "histogram", "http_server_duration_seconds{job=\"api\"}"), "latency",
                "percentile", 90, "threshold_ms", 250);

        SloStatus s = slos.status(slo.name());

        assertThat(s.compliancePercent()).isCloseTo(95, within(0.01));
        assertThat(s.meeting()).isTrue();
        assertThat(s.value()).as("P90 in ms").isCloseTo(100 + 150 * (10.0 / 15), within(5.0));
        assertThat(s.burnRates().get("1h")).isCloseTo(0.05 / 0.10, within(0.01));
    }

    @Test
    void latencyFromCountersCountsSlowEventsWithoutAPercentile() {
        burningRequests();
        SloDefinition slo = define(Map.of("source", "metrics", "total", "http_requests_total", "good",
                "http_requests_total{code=\"200\"}"), "latency", "percentile", 99, "threshold_ms", 500);

        SloStatus s = slos.status(slo.name());

        assertThat(s.value()).isNull();
        assertThat(s.badEvents()).isCloseTo(600, within(12.0));
    }

    @Test
    void badDefinitionsSayWhatToFix() {
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> bad = List.of(Map.of("source", "graphite", "total", "x"),
                Map.of("source", "metrics", "good", "x"), Map.of("source", "metrics", "total", "x"),
                Map.of("source", "metrics", "total", "x", "good", "y", "bad", "z"),
                Map.of("source", "spans", "total", "x"), Map.of("source", "metrics", "histogram", "h"),
                Map.of("source", "metrics", "total", "x{code=", "bad", "y"),
                Map.of("source", "metrics", "total", "x", "bad", "y", "ratio", "z"));
        for (Map<String, Object> sli : bad) {
            assertThatThrownBy(() -> define(sli, "availability")).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> errors.add(e.getMessage()));
        }
        assertThat(errors.get(0)).contains("unknown sli.source 'graphite'");
        assertThat(errors.get(1)).contains("needs sli.total");
        assertThat(errors.get(2)).contains("exactly one of sli.good").contains("sli.bad");
        assertThat(errors.get(3)).contains("exactly one of sli.good");
        assertThat(errors.get(4)).contains("belong to sli.source metrics or prometheus");
        assertThat(errors.get(5)).contains("sli.histogram is for latency SLOs");
        assertThat(errors.get(6)).contains("the sli query sum(increase(x{code=[3600s])) is invalid");
        assertThat(errors.get(7)).contains("unknown sli field 'ratio'");
        assertThat(slos.list()).isEmpty();
    }

    @Test
    void aMetricsSliNeedsNoSpanSelectorButASpanSloStillDoes() {
        SloDefinition slo = define(Map.of("source", "metrics", "total", "x_total", "bad", "y_total"), "availability");
        assertThat(slo.selector().isEmpty()).isTrue();
        assertThat(slos.list()).extracting(d -> d.sli().source()).containsExactly("metrics");
        assertThat(slo.toMap()).containsEntry("sli", Map.of("source", "metrics", "bad", "y_total", "total", "x_total"));
        assertThatThrownBy(() -> slos.create(actor, Map.of("name", "spans-slo", "selector", Map.of())))
                .hasMessageContaining("empty selector");
        SloStatus none = slos.status(slo.name());
        assertThat(none.events()).isZero();
        assertThat(none.meeting()).isTrue();
    }

    @Test
    void aPrometheusSliWithoutPrometheusConfiguredOrReachableSaysSoAndOtherSlosKeepWorking() throws Exception {
        burningRequests();
        define(Map.of("source", "metrics", "total", "http_requests_total", "bad", "http_requests_total{code=\"500\"}"),
                "availability");
        slos.create(actor, Map.of("name", "from-prom", "sli",
                Map.of("source", "prometheus", "total", "http_requests_total", "bad", "errors_total")));

        assertThatThrownBy(() -> slos.status("from-prom")).isInstanceOf(StoreException.class)
                .hasMessageContaining("prometheus_url is not configured");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        OpsMetrics.configure(tracking,
                new OpsMetricsSettings(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2), 0));
        assertThatThrownBy(() -> slos.status("from-prom")).isInstanceOf(StoreException.class)
                .hasMessageContaining("status of SLO from-prom is unknown").hasMessageContaining("unreachable");
        assertThat(slos.status("api-from-metrics").events()).isPositive();
    }
}
