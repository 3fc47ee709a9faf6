package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.alert.AlertEngine;
import dev.observatory.core.alert.AlertSettings;
import dev.observatory.core.alert.Alerts;
import dev.observatory.core.alert.UrlGuard;
import dev.observatory.mcp.tool.Json;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertToolsTest {
    static final Set<String> OPS = Set.of("ops");
    static final long NOW_NS = TestData.NOW.getEpochSecond() * 1_000_000_000L;

    final TestData data = new TestData();
    final ToolRegistry tools = data.registry();
    @TempDir
    Path dir;

    @BeforeEach
    void engine() {
        AlertEngine.start(data.tracking, new AlertSettings(Duration.ZERO, List.of(), UrlGuard.STRICT, dir));
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 20; i++) { // api: 20 calls of 6 s in the last minute, half failed; web: all fine
            long start = NOW_NS - i * 2_000_000_000L;
            String service = i % 2 == 0 ? "api" : "web";
            spans.add(new Span(String.format("%032x", i), String.format("%016x", i), null, service, "chat",
                    SpanKind.CLIENT, start, start + (service.equals("api") ? 6_000 : 100) * 1_000_000L,
                    service.equals("api") && i % 4 == 0 ? SpanStatus.ERROR : SpanStatus.OK, null,
                    Map.of("gen_ai.operation.name", "chat"), Map.of(), "", "", List.of(), List.of()));
        }
        data.tracking.store().traces().append(spans);
    }

    @AfterEach
    void close() {
        AlertEngine.of(data.tracking).close();
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

    private void rules() {
        ok("create_alert_rule",
                Map.of("name", "p99-over-5s", "signal", "trace_metric", "params", Map.of("metric", "p99_latency_ms"),
                        "threshold", 5000, "severity", "critical", "labels", Map.of("team", "ml")));
        ok("create_alert_rule", Map.of("name", "errors", "signal", "trace_metric", "params",
                Map.of("metric", "error_rate"), "threshold", 0.1, "severity", "info"));
        new Alerts(data.tracking).evaluate();
    }

    @Test
    void coreOffersListAlerts() {
        assertThat(tools.tools(Set.of("core"))).extracting(McpSchema.Tool::name).contains("list_alerts")
                .doesNotContain("create_alert_rule", "alert_routing");
    }

    @Test
    void rulesAreListedWithTheSignalsAndTheirAlertsFire() {
        rules();
        Map<String, Object> listed = ok("list_alert_rules", Map.of());
        assertThat(list(listed, "rules")).extracting(r -> r.get("name")).containsExactly("errors", "p99-over-5s");
        assertThat((Map<String, Object>) listed.get("signals")).containsKeys("trace_metric", "slo_burn", "run_metric");
        List<Map<String, Object>> firing = list(ok("list_alerts", Map.of("state", "firing")), "alerts");
        assertThat(firing).extracting(a -> a.get("rule")).containsExactly("p99-over-5s", "errors");
        assertThat((Map<String, Object>) firing.get(0).get("labels")).containsEntry("service", "api")
                .containsEntry("team", "ml");
    }

    @Test
    void alertRoutingFollowsTheSeedContract() throws Exception {
        rules();
        Map<String, Object> r = ok("alert_routing", Map.of("service", "api", "sink", "file", "destination",
                "api-alerts.jsonl", "min_severity", "warning", "include_context", true));
        assertThat(r).containsEntry("routed_count", 1).containsEntry("suppressed_count", 1).containsEntry("destination",
                "api-alerts.jsonl");
        assertThat(Files.readAllLines(dir.resolve("api-alerts.jsonl"))).singleElement()
                .satisfies(l -> assertThat(l).contains("p99-over-5s"));
    }

    @Test
    void alertRoutingRefusesMetadataUrlsAndPathsOutsideTheAlertDirectory() {
        rules();
        ToolOutcome ssrf = tools.invoke("alert_routing",
                Map.of("service", "api", "sink", "webhook", "destination", "http://169.254.169.254/latest"),
                TestData.ACTOR, OPS);
        assertThat(ssrf.ok()).isFalse();
        assertThat(ssrf.errorMessage()).contains("link-local");
        ToolOutcome escape = tools.invoke("alert_routing",
                Map.of("service", "api", "sink", "file", "destination", "/etc/cron.d/x"), TestData.ACTOR, OPS);
        assertThat(escape.errorMessage()).contains("alert_file_dir");
        ToolOutcome none = tools.invoke("alert_routing", Map.of("sink", "file", "destination", "x.jsonl"),
                TestData.ACTOR, OPS);
        assertThat(none.errorMessage()).contains("job_id, run_id or service");
    }

    @Test
    void silenceAlertMutesMatchingAlerts() {
        rules();
        Map<String, Object> s = ok("silence_alert",
                Map.of("matchers", Map.of("alertname", "errors"), "minutes", 30, "comment", "known"));
        assertThat(s.get("matching_alerts")).isEqualTo(1L);
        assertThat((String) s.get("until")).isEqualTo(TestData.NOW.plusSeconds(1800).toString());
        Map<String, Object> r = ok("alert_routing",
                Map.of("service", "api", "sink", "file", "destination", "a.jsonl", "min_severity", "info"));
        assertThat(r).containsEntry("routed_count", 1).containsEntry("suppressed_count", 1);
    }

    @Test
    void badRulesAreToolErrorsThatSayWhatToFix() {
        ToolOutcome o = tools.invoke("create_alert_rule",
                Map.of("name", "x", "signal", "trace_metric", "params", Map.of("metric", "mood")), TestData.ACTOR, OPS);
        assertThat(o.ok()).isFalse();
        assertThat(o.errorMessage()).contains("p99_latency_ms");
    }
}
