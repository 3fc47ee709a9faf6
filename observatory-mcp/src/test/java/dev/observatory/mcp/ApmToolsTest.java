package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApmToolsTest {
    static final Set<String> OPS = Set.of("ops");
    static final long MS = 1_000_000;
    static final long NOW = TestData.NOW.getEpochSecond() * 1_000_000_000L;

    final TestData data = new TestData();
    final ToolRegistry tools = data.registry();

    /** 600 traces over the last 10 minutes: web -> api -> db; the db fails in every 20th trace. */
    ApmToolsTest() {
        List<Span> spans = new ArrayList<>();
        for (int t = 0; t < 600; t++) {
            long start = NOW - (600 - t) * 1000 * MS;
            String id = String.format("%032x", t + 1);
            spans.add(span(id, 1, 0, "web", "GET /cart", SpanKind.SERVER, start, 0, 60, false));
            spans.add(span(id, 2, 1, "api", "GET /api/cart", SpanKind.SERVER, start, 5, 55, false));
            spans.add(span(id, 3, 2, "db", "SELECT cart", SpanKind.SERVER, start, 10, 40 + t % 7, t % 20 == 0));
        }
        data.store.traces().append(spans);
    }

    static Span span(String trace, int span, int parent, String service, String name, SpanKind kind, long start,
            long fromMs, long toMs, boolean failed) {
        return new Span(trace, String.format("%016x", span), parent == 0 ? null : String.format("%016x", parent),
                service, name, kind, start + fromMs * MS, start + toMs * MS, failed ? SpanStatus.ERROR : SpanStatus.OK,
                null, Map.of(), Map.of(), "", "", List.of(), List.of());
    }

    @AfterEach
    void close() {
        data.close();
    }

    ToolOutcome call(String tool, Map<String, Object> args) {
        return tools.invoke(tool, args, TestData.ACTOR, OPS);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = call(tool, args);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(((TextContent) o.result().content().getFirst()).text()).isEqualTo(Json.write(o.data()));
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object answer, String field) {
        return (List<Map<String, Object>>) ((Map<String, Object>) answer).get(field);
    }

    @Test
    void theOpsToolsetOffersTheFiveApmToolsReadOnly() {
        List<String> names = ToolCatalog.all().stream().filter(t -> t.in("ops")).map(ToolDef::name).toList();
        assertThat(names).contains("get_service_health", "analyze_latency", "get_service_map", "detect_anomalies",
                "capacity_forecast");
        List<String> apm = List.of("get_service_health", "analyze_latency", "get_service_map", "detect_anomalies",
                "capacity_forecast");
        for (McpSchema.Tool t : tools.tools(OPS).stream().filter(t -> apm.contains(t.name())).toList()) {
            assertThat(t.description()).hasSizeGreaterThan(200);
            assertThat(t.annotations().readOnlyHint()).isTrue();
        }
    }

    @Test
    void serviceHealthGivesRatesErrorsAndPercentilesPerService() {
        Map<String, Object> h = ok("get_service_health", Map.of("last", "5m"));
        assertThat(list(h, "rows")).extracting(r -> r.get("service")).containsExactly("api", "db", "web");
        Map<String, Object> db = list(h, "rows").get(1);
        assertThat(list(Map.of("x", List.of(db.get("current"))), "x").get(0)).containsEntry("requests", 300L)
                .containsEntry("rate_per_s", 1.0).containsEntry("errors", 15L).containsEntry("error_rate", 0.05);
        assertThat(h).containsEntry("truncated", false);
        ToolOutcome unknown = call("get_service_health", Map.of("service", "billing"));
        assertThat(unknown.errorCode()).isEqualTo(ToolOutcome.NOT_FOUND);
        assertThat(unknown.errorMessage()).contains("api, db, web");
    }

    @Test
    void theServiceMapComesAsDataAndAsAPngImageBlock() {
        ToolOutcome o = call("get_service_map", Map.of("last", "10m"));
        assertThat(o.ok()).as(o.errorMessage()).isTrue();
        assertThat(list(o.data(), "edges")).extracting(e -> e.get("caller") + "->" + e.get("callee"))
                .containsExactly("api->db", "web->api");
        assertThat(o.data().toString()).doesNotContain("_images");
        assertThat(o.result().content()).hasSize(2);
        ImageContent image = (ImageContent) o.result().content().get(1);
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(image.data())).startsWith(0x89, 'P', 'N', 'G');

        ToolOutcome plain = call("get_service_map", Map.of("image", false));
        assertThat(plain.result().content()).hasSize(1);
        ok("get_service_map", Map.of("service", "db"));
    }

    @Test
    void analyzeLatencyShowsHotspotsCriticalPathAndRegression() {
        Map<String, Object> l = ok("analyze_latency", Map.of("last", "5m", "quantile", 0.9));
        assertThat(list(l.get("hotspots"), "operations").get(0)).containsEntry("operation", "SELECT cart");
        assertThat(list(l.get("critical_path"), "steps")).extracting(s -> s.get("service")).containsExactly("web",
                "api", "db");
        assertThat(l.get("regression")).isNotNull();
        ToolOutcome bad = call("analyze_latency", Map.of("baseline_from", "2025-03-01T10:00:00Z"));
        assertThat(bad.errorMessage()).contains("baseline_to");
    }

    @Test
    void detectAnomaliesFindsTheLossSpikeOfARunAndWorksOnSpans() {
        Map<String, Object> a = ok("detect_anomalies",
                Map.of("source", "run_metric", "run_id", data.baseline.id(), "key", "loss", "limit", 3));
        assertThat(list(a, "anomalies").get(0)).containsEntry("x", 7000L).containsEntry("value", 9.5);
        assertThat(a).containsEntry("unit", "step").containsEntry("method", "median_mad");

        Map<String, Object> spans = ok("detect_anomalies",
                Map.of("source", "spans", "service", "db", "signal", "error_rate", "last", "10m", "bucket", "1m"));
        assertThat(spans.get("series").toString()).contains("error_rate of db");
        ToolOutcome missing = call("detect_anomalies", Map.of("source", "run_metric"));
        assertThat(missing.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(missing.errorMessage()).contains("run_id");
    }

    @Test
    void capacityForecastSaysWhenARisingSeriesCrossesAndWhenItNever() {
        Map<String, Object> rising = ok("capacity_forecast", Map.of("source", "run_metric", "run_id",
                data.baseline.id(), "key", "val/acc", "x", "time", "threshold", 0.99));
        assertThat(rising).containsKey("status").containsKey("message").containsEntry("unit", "epoch_ms");
        Map<String, Object> never = ok("capacity_forecast",
                Map.of("source", "run_metric", "run_id", data.baseline.id(), "key", "loss", "threshold", 5.0));
        assertThat(never).containsEntry("status", "never");
        assertThat(never.get("message").toString()).contains("never crosses");
    }
}
