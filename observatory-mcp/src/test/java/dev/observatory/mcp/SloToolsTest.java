package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.slo.Slos;
import dev.observatory.core.slo.SloSpecs;
import dev.observatory.mcp.tool.Json;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SloToolsTest {
    static final Set<String> OPS = Set.of("ops");
    static final long NOW_NS = TestData.NOW.getEpochSecond() * 1_000_000_000L;
    static final long MINUTE = 60_000_000_000L;

    final TestData data = new TestData();
    final ToolRegistry tools = data.registry();

    SloToolsTest() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 100; i++) { // last 100 minutes, one failure in ten, durations 100 ms or 3 s
            long start = NOW_NS - i * MINUTE;
            spans.add(new Span(String.format("%032x", i), String.format("%016x", i), null, "api", "GET /predict",
                    SpanKind.SERVER, start, start + (i % 5 == 0 ? 3000 : 100) * 1_000_000L,
                    i % 10 == 0 ? SpanStatus.ERROR : SpanStatus.OK, null, Map.of(), Map.of(), "", "", List.of(),
                    List.of()));
        }
        data.tracking.store().traces().append(spans);
    }

    @AfterEach
    void close() {
        data.close();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, OPS);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(((TextContent) o.result().content().getFirst()).text()).isEqualTo(Json.write(o.data()));
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    @Test
    void coreOffersSloStatus() {
        assertThat(tools.tools(Set.of("core"))).extracting(McpSchema.Tool::name).contains("get_slo_status")
                .doesNotContain("list_slos", "get_slo_report");
    }

    @Test
    void aServiceWithoutSlosGetsTheSeedDefaults() {
        assertThat(list(ok("list_slos", Map.of()), "slos")).isEmpty();
        Map<String, Object> s = ok("get_slo_status", Map.of("service", "api"));
        assertThat(s.get("defaults")).isEqualTo(true);
        List<Map<String, Object>> statuses = list(s, "statuses");
        assertThat(statuses).hasSize(4);
        Map<String, Object> availability = statuses.get(0);
        assertThat(availability.get("compliance_percent")).isEqualTo(90.0);
        assertThat(availability.get("meeting")).isEqualTo(false);
        assertThat(availability.get("firing")).isEqualTo("page");
        assertThat(statuses.get(1).get("compliance_percent")).as("P95 < 2 s: 20 of 100 slower").isEqualTo(80.0);
    }

    @Test
    void createdSloIsListedWithItsStatusAndReport() {
        Map<String, Object> created = ok("create_slo", Map.of("name", "api-p99", "type", "latency", "target", 99,
                "selector", Map.of("service", "api", "route", "GET /predict"), "window", "rolling_28d"));
        assertThat(((Map<?, ?>) created.get("slo")).get("threshold_ms")).isEqualTo(5000.0);
        assertThat(list(ok("list_slos", Map.of()), "slos")).extracting(m -> m.get("name")).containsExactly("api-p99");
        Map<String, Object> st = list(ok("get_slo_status", Map.of("name", "api-p99")), "statuses").get(0);
        assertThat(st.get("events")).isEqualTo(100L);
        assertThat(st.get("bad_events")).isEqualTo(0.0);
        Map<String, Object> report = ok("get_slo_report", Map.of("name", "api-p99", "step", "1d"));
        assertThat(list(report, "points")).hasSize(28);
    }

    @Test
    void theReportComesWithABudgetBurnDownChartAsAPngImageBlock() throws Exception {
        ok("create_slo", Map.of("name", "api-avail", "selector", Map.of("service", "api")));
        ToolOutcome o = tools.invoke("get_slo_report", Map.of("name", "api-avail", "step", "1d"), TestData.ACTOR, OPS);
        assertThat(o.ok()).as(o.errorMessage()).isTrue();
        assertThat(o.data().toString()).doesNotContain("_images");
        assertThat(o.result().content()).hasSize(2);
        McpSchema.ImageContent image = (McpSchema.ImageContent) o.result().content().get(1);
        assertThat(image.mimeType()).isEqualTo("image/png");
        byte[] png = java.util.Base64.getDecoder().decode(image.data());
        java.awt.image.BufferedImage chart = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(chart.getWidth()).isGreaterThan(400);
        ToolOutcome plain = tools.invoke("get_slo_report", Map.of("name", "api-avail", "image", false), TestData.ACTOR,
                OPS);
        assertThat(plain.result().content()).hasSize(1);
    }

    @Test
    void impossibleTargetsAndUnknownSlosAreToolErrors() {
        ToolOutcome bad = tools.invoke("create_slo",
                Map.of("name", "x", "target", 100, "selector", Map.of("service", "api")), TestData.ACTOR, OPS);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errorMessage()).contains("impossible target");
        ToolOutcome empty = tools.invoke("create_slo", Map.of("name", "x", "selector", Map.of()), TestData.ACTOR, OPS);
        assertThat(empty.errorMessage()).contains("empty selector");
        ToolOutcome missing = tools.invoke("get_slo_status", Map.of("name", "nope"), TestData.ACTOR, OPS);
        assertThat(missing.errorMessage()).contains("list_slos");
    }

    @Test
    void configuredSlosComeFirst() {
        Slos.configure(data.tracking,
                List.of(SloSpecs.parse(Map.of("name", "from-file", "selector", Map.of("service", "api")), "config")));
        assertThat(list(ok("list_slos", Map.of()), "slos")).extracting(m -> m.get("source")).containsExactly("config");
    }

    @Test
    void anSloOverCountersOfTheMetricsStoreIsCreatedListedAndComputed() {
        long now = TestData.NOW.toEpochMilli();
        long[] t = new long[121];
        double[] total = new double[121];
        double[] bad = new double[121];
        for (int m = 0; m <= 120; m++) { // two hours, 100 requests a minute, 2 of them failing
            t[m] = now - (120 - m) * 60_000L;
            total[m] = 100.0 * m;
            bad[m] = 2.0 * m;
        }
        new dev.observatory.core.opsmetrics.OpsMetrics(data.tracking).ingest(dev.observatory.core.opsmetrics.OpsIngest
                .of(List.of(new OpsSamples(OpsSeries.of("requests_total", Map.of("job", "api")), t, total),
                        new OpsSamples(OpsSeries.of("failures_total", Map.of("job", "api")), t, bad))));
        Map<String, Object> created = ok("create_slo", Map.of("name", "api-counters", "target", 99, "sli",
                Map.of("source", "metrics", "total", "requests_total{job=\"api\"}", "bad", "failures_total")));
        assertThat(((Map<?, ?>) ((Map<?, ?>) created.get("slo")).get("sli")).get("source")).isEqualTo("metrics");
        assertThat(list(ok("list_slos", Map.of()), "slos"))
                .extracting(m -> (Object) ((Map<?, ?>) m.get("sli")).get("bad")).containsExactly("failures_total");

        Map<String, Object> s = list(ok("get_slo_status", Map.of("name", "api-counters")), "statuses").get(0);

        assertThat((double) s.get("compliance_percent")).isCloseTo(98.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(((Map<?, ?>) s.get("burn_rates")).get("1h")).isEqualTo(2.0);
    }

    @Test
    void aPrometheusSloWithoutPrometheusIsAnUnavailableErrorAndBadSlisAreRefused() {
        ok("create_slo", Map.of("name", "from-prom", "sli",
                Map.of("source", "prometheus", "total", "http_requests_total", "good", "ok_total")));
        ToolOutcome status = tools.invoke("get_slo_status", Map.of("name", "from-prom"), TestData.ACTOR, OPS);
        assertThat(status.ok()).isFalse();
        assertThat(status.errorMessage()).contains("prometheus_url is not configured");
        ok("create_slo", Map.of("name", "api-spans", "selector", Map.of("service", "api")));
        ok("create_slo", Map.of("name", "api-prom", "selector", Map.of("service", "api"), "sli",
                Map.of("source", "prometheus", "total", "http_requests_total", "bad", "errors_total")));
        Map<String, Object> service = ok("get_slo_status", Map.of("service", "api"));
        assertThat(list(service, "statuses")).extracting(m -> (Object) ((Map<?, ?>) m.get("slo")).get("name"))
                .containsExactly("api-spans");
        assertThat(list(service, "unavailable")).singleElement()
                .satisfies(u -> assertThat(u.get("name")).isEqualTo("api-prom"));
        ToolOutcome bad = tools.invoke("create_slo",
                Map.of("name", "x", "sli", Map.of("source", "metrics", "total", "a_total")), TestData.ACTOR, OPS);
        assertThat(bad.errorMessage()).contains("exactly one of sli.good");
    }
}
