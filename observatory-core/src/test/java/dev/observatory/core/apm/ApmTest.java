package dev.observatory.core.apm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApmTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    static final long S = 1_000_000_000L;

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);
    final Apm apm = new Apm(tracking);
    final ApmWindow last5m = ApmWindow.ending(NOW, Duration.ofMinutes(5));

    ApmTest() {
        // this window: 300 traces, one a second, the catalog 50 ms slower; the window before: 150, one every 2 s
        store.traces().append(ShopTraces.generate(NOW_NANOS - 300 * S, 300, 1000, 50, 1));
        store.traces().append(ShopTraces.generate(NOW_NANOS - 600 * S, 150, 2000, 0, 2));
    }

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    @Test
    void theServiceMapHasTheExactEdgesWithRatesAndErrors() {
        ServiceMap map = apm.serviceMap(last5m, null, 50);
        assertThat(map.edges()).extracting(e -> e.caller() + "->" + e.callee() + ":" + e.calls() + "/" + e.errors())
                .containsExactly("api->auth:300/0", "frontend->api:300/0", "api->catalog:200/0",
                        "catalog->inventory:100/10");
        ServiceMap.Edge inventory = map.edges().get(3);
        assertThat(inventory.ratePerSecond()).isCloseTo(100 / 300.0, within(1e-9));
        assertThat(inventory.errorRate()).isCloseTo(0.1, within(1e-9));
        assertThat(inventory.p50Ms()).isEqualTo(18.0);
        assertThat(map.edges().get(0).p95Ms()).isEqualTo(18.0);
        assertThat(map.nodes()).extracting(ServiceMap.Node::service).containsExactly("api", "auth", "frontend",
                "catalog", "inventory");
        assertThat(map.nodes().get(4).red().requests()).isEqualTo(100);
        assertThat(map.truncated()).isFalse();

        ServiceMap top = apm.serviceMap(last5m, null, 2);
        assertThat(top.edges()).hasSize(2);
        assertThat(top.truncated()).isTrue();
        ServiceMap catalog = apm.serviceMap(last5m, "catalog", 50);
        assertThat(catalog.edges()).extracting(ServiceMap.Edge::callee).containsExactly("catalog", "inventory");
    }

    @Test
    void healthGivesRedMetricsPerServiceAgainstThePreviousWindow() {
        ServiceHealth h = apm.health(last5m, null, null, false, 10);
        assertThat(h.previous().to()).isEqualTo(last5m.from());
        assertThat(h.rows()).extracting(ServiceHealth.Row::service).containsExactly("api", "auth", "frontend",
                "catalog", "inventory");
        ServiceHealth.Row frontend = h.rows().get(2);
        assertThat(frontend.current().ratePerSecond()).isCloseTo(1.0, within(1e-9));
        assertThat(frontend.previous().ratePerSecond()).isCloseTo(0.5, within(1e-9));
        assertThat(frontend.rateChange()).isCloseTo(1.0, within(1e-9));
        ServiceHealth.Row inventory = h.rows().get(4);
        assertThat(inventory.current().errorRate()).isCloseTo(0.1, within(1e-9));
        assertThat(inventory.previous().requests()).isEqualTo(50);
        assertThat(inventory.errorRateChange()).isCloseTo(0, within(1e-9));
        assertThat(h.rows().get(1).current().p99Ms()).isEqualTo(18.0);
        // the catalog got 50 ms slower: its p95 grew
        assertThat(h.rows().get(3).p95Change()).isGreaterThan(0.5);

        ServiceHealth ops = apm.health(last5m, "catalog", null, true, 10);
        assertThat(ops.rows()).singleElement().satisfies(r -> assertThat(r.operation()).isEqualTo("GET /items"));
        assertThat(apm.health(last5m, null, null, false, 2).truncated()).isTrue();
    }

    @Test
    void unknownServicesOperationsAndBadWindowsAreClearErrors() {
        assertThatThrownBy(() -> apm.health(last5m, "billing", null, false, 10)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("service 'billing' has no spans")
                .hasMessageContaining("api, auth, catalog, frontend, inventory");
        assertThatThrownBy(() -> apm.health(last5m, "catalog", "DELETE /x", false, 10))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("operation 'DELETE /x'");
        assertThatThrownBy(() -> new ApmWindow(NOW, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be after");
        assertThatThrownBy(() -> ApmWindow.ending(NOW, Duration.ofDays(40))).hasMessageContaining("at most 31 days");
        assertThatThrownBy(() -> apm.serviceMap(last5m, null, 0)).hasMessageContaining("limit");
    }

    @Test
    void theCriticalPathAttributesEveryMillisecondOfTheTraceToOneSpan() {
        var spans = ShopTraces.trace(77, 1, NOW_NANOS, 45).stream()
                .map(s -> new dev.observatory.model.trace.TracedSpan(s, null)).toList();
        Latency.CriticalPath p = CriticalPaths.of("t", spans);
        assertThat(p.durationMs()).isEqualTo(107.0);
        assertThat(p.steps()).extracting(s -> s.operation() + "=" + (long) s.criticalMs()).containsExactly("GET /=4",
                "api call=4", "GET /api/page=12", "catalog call=2", "GET /items=45", "inventory call=2", "reserve=18",
                "auth call=2", "verify=18");
        assertThat(p.steps().stream().mapToDouble(Latency.Step::criticalMs).sum()).isEqualTo(107.0);
        assertThat(p.steps()).extracting(Latency.Step::depth).containsExactly(0, 1, 2, 3, 4, 5, 6, 3, 4);
    }

    @Test
    void latencyFindsTheCatalogAsHotspotSlowPathAndRegression() {
        Latency l = apm.latency(new LatencyRequest(last5m, null, null, null, 5, null, 0, 5));
        assertThat(l.hotspots().traces()).isEqualTo(300);
        assertThat(l.hotspots().operations().get(0).operation()).isEqualTo("GET /items");
        assertThat(l.criticalPaths()).singleElement().satisfies(p -> {
            assertThat(p.steps().stream().mapToDouble(Latency.Step::criticalMs).sum()).isEqualTo(p.durationMs());
            assertThat(p.steps()).extracting(Latency.Step::operation).contains("GET /items", "reserve");
        });
        assertThat(l.slowTracePath().get(0).operation()).isEqualTo("GET /items");
        Latency.Regression r = l.regression();
        assertThat(r.baseline()).isEqualTo(last5m.previous());
        assertThat(r.traces()).isEqualTo(300);
        assertThat(r.baselineTraces()).isEqualTo(150);
        Latency.Contributor top = r.contributors().get(0);
        assertThat(top.service() + " " + top.operation()).isEqualTo("catalog GET /items");
        assertThat(top.deltaMs()).isBetween(28.0, 39.0); // +50 ms in two traces of three
        assertThat(r.contributors().get(1).deltaMs()).isLessThan(1.0);

        Latency tail = apm.latency(new LatencyRequest(last5m, null, null, null, 1, null, 0.99, 3));
        assertThat(tail.regression().thresholdMs()).isGreaterThan(tail.regression().baselineThresholdMs());
        assertThat(tail.regression().contributors().get(0).operation()).isEqualTo("GET /items");

        String id = String.format("%016x%016x", 0xabcL, 1_000_000L + 2);
        Latency one = apm.latency(new LatencyRequest(last5m, null, null, id, 1, null, 0, 5));
        assertThat(one.criticalPaths().get(0).traceId()).isEqualTo(id);
        assertThatThrownBy(() -> apm.latency(new LatencyRequest(last5m, null, null, "f".repeat(32), 1, null, 0, 5)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> new LatencyRequest(last5m, null, null, null, 1, null, 0.2, 5))
                .hasMessageContaining("quantile");
    }

    @Test
    void spanSeriesHaveOnePointPerBucketWithGapsForLatency() {
        SeriesSource rate = ApmSeries.spans(apm, last5m, "frontend", null, ApmSeries.Signal.REQUEST_RATE,
                Duration.ofMinutes(1));
        assertThat(rate.series().values()).containsExactly(1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(rate.series().x()[0]).isEqualTo(last5m.from().toEpochMilli());
        assertThat(rate.periods()).containsExactly(1440, 10080);
        SeriesSource errors = ApmSeries.spans(apm, ApmWindow.ending(NOW, Duration.ofMinutes(15)), "inventory", null,
                ApmSeries.Signal.ERROR_RATE, Duration.ofMinutes(5));
        assertThat(errors.series().values()).containsExactly(Double.NaN, 0.1, 0.1);
        assertThatThrownBy(() -> ApmSeries.spans(apm, ApmWindow.ending(NOW, Duration.ofDays(30)), null, null,
                ApmSeries.Signal.REQUEST_RATE, Duration.ofSeconds(1))).hasMessageContaining("buckets");
    }

    @Test
    void theMapImageIsAValidPngWithTheServicesInLayers() throws Exception {
        ServiceMap map = apm.serviceMap(last5m, null, 50);
        Map<String, int[]> at = ServiceMapImage.layout(map.nodes(), map.edges());
        assertThat(List.of(at.get("frontend")[0], at.get("api")[0], at.get("auth")[0], at.get("catalog")[0],
                at.get("inventory")[0])).containsExactly(0, 1, 2, 2, 3);
        byte[] png = ServiceMapImage.png(map);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isBetween(900, 1600);
        assertThat(img.getHeight()).isBetween(200, 600);
        assertThat(png.length).isLessThan(200_000);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }
}
