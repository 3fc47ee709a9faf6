package dev.observatory.mcp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ToolOutcome;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** query_metrics and list_metric_names over Observatory's store; generate_dashboard's Grafana JSON structure. */
class MetricsToolsTest {
    static final Instant NOW = Instant.parse("2025-01-01T01:00:00Z");
    static final Set<String> OPS = Set.of("ops");
    final InMemoryStorage store = new InMemoryStorage();
    final Auditor auditor = new Auditor(store.audit(), Clock.fixed(NOW, ZoneOffset.UTC));
    final ToolRegistry tools = new ToolRegistry(new Tracking(store, Clock.fixed(NOW, ZoneOffset.UTC), false, auditor),
            new Meters(), new McpSettings(OPS, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));

    @AfterEach
    void close() {
        auditor.close();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, new Actor("test", "mcp"), OPS);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    /** 50 pods each counting requests at its own pace, one sample every 15 s for the last hour. */
    void requests() {
        List<OpsSamples> batch = new ArrayList<>();
        for (int pod = 1; pod <= 50; pod++) {
            long[] t = new long[241];
            double[] v = new double[241];
            for (int i = 0; i < t.length; i++) {
                t[i] = NOW.toEpochMilli() - 3_600_000 + i * 15_000L;
                v[i] = pod * i * 15.0;
            }
            batch.add(new OpsSamples(OpsSeries.of("http_requests_total", Map.of("pod", "p" + pod)), t, v));
        }
        store.opsMetrics().append(batch);
    }

    @Test
    @SuppressWarnings("unchecked")
    void query_metrics_summarises_many_series_to_the_top_ones() {
        requests();

        Map<String, Object> r = ok("query_metrics",
                Map.of("query", "rate(http_requests_total[1m])", "last", "30m", "max_series", 5));

        assertThat(r.get("source")).isEqualTo("observatory");
        assertThat(r.get("series_count")).isEqualTo(50);
        assertThat(r.get("truncated")).isEqualTo(true);
        List<Map<String, Object>> series = (List<Map<String, Object>>) r.get("series");
        assertThat(series).hasSize(5);
        assertThat(series.get(0).get("labels")).isEqualTo(Map.of("pod", "p50"));
        assertThat(series.get(0).get("last")).isEqualTo(50.0);
        assertThat(series.get(0)).containsKeys("min", "max", "avg", "points");
        Map<String, Object> instant = ok("query_metrics", Map.of("query", "sum(rate(http_requests_total[1m]))"));
        assertThat(instant.get("result_type")).isEqualTo("vector");
        assertThat(((List<Map<String, Object>>) instant.get("series")).get(0).get("last")).isEqualTo(1275.0);
    }

    @Test
    void query_errors_are_invalid_arguments_and_prometheus_needs_its_url() {
        ToolOutcome bad = tools.invoke("query_metrics", Map.of("query", "rate(x)"), new Actor("t", "mcp"), OPS);
        ToolOutcome prom = tools.invoke("query_metrics", Map.of("query", "up", "source", "prometheus"),
                new Actor("t", "mcp"), OPS);

        assertThat(bad.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(bad.errorMessage()).contains("range selector");
        assertThat(prom.errorMessage()).contains("prometheus_url");
    }

    @Test
    @SuppressWarnings("unchecked")
    void list_metric_names_filters_and_limits() {
        requests();
        store.opsMetrics()
                .append(List.of(OpsSamples.one(OpsSeries.of("queue_depth", Map.of()), NOW.toEpochMilli(), 1)));

        assertThat((List<String>) ok("list_metric_names", Map.of()).get("names")).containsExactly("http_requests_total",
                "queue_depth");
        assertThat((List<String>) ok("list_metric_names", Map.of("contains", "QUEUE")).get("names"))
                .containsExactly("queue_depth");
        Map<String, Object> one = ok("list_metric_names", Map.of("limit", 1));
        assertThat(one.get("truncated")).isEqualTo(true);
        assertThat(one.get("total")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "service", "model", "training", "slo" })
    @SuppressWarnings("unchecked")
    void generated_dashboards_are_importable_grafana_json(String kind) {
        Map<String, Object> r = ok("generate_dashboard",
                Map.of("kind", kind, "target", "api", "input_price", 2.5, "output_price", 10.0));
        Map<String, Object> d = (Map<String, Object>) r.get("dashboard");

        assertThat(d.get("schemaVersion")).isEqualTo(39);
        assertThat((String) d.get("uid")).matches("[a-z0-9-]{1,40}");
        assertThat((List<Map<String, Object>>) d.get("__inputs")).singleElement().satisfies(
                i -> assertThat(i).containsEntry("name", "DS_PROMETHEUS").containsEntry("pluginId", "prometheus"));
        List<Map<String, Object>> panels = (List<Map<String, Object>>) d.get("panels");
        assertThat(panels).isNotEmpty().hasSize((Integer) r.get("panels"));
        Set<Object> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (Map<String, Object> p : panels) {
            assertThat(ids.add(p.get("id"))).as("unique panel id %s", p.get("id")).isTrue();
            assertThat((Map<String, Object>) p.get("datasource")).containsEntry("uid", "${DS_PROMETHEUS}");
            List<Map<String, Object>> targets = (List<Map<String, Object>>) p.get("targets");
            assertThat(targets).isNotEmpty().allSatisfy(t -> {
                assertThat((String) t.get("expr")).isNotBlank();
                assertThat((Map<String, Object>) t.get("datasource")).containsEntry("type", "prometheus");
            });
            assertThat(targets.stream().map(t -> t.get("refId")).distinct()).hasSize(targets.size());
            Map<String, Object> g = (Map<String, Object>) p.get("gridPos");
            int[] box = { (Integer) g.get("x"), (Integer) g.get("y"), (Integer) g.get("w"), (Integer) g.get("h") };
            assertThat(box[0] + box[2]).isLessThanOrEqualTo(24);
            for (int[] o : boxes) {
                boolean apart = box[0] + box[2] <= o[0] || o[0] + o[2] <= box[0] || box[1] + box[3] <= o[1]
                        || o[1] + o[3] <= box[1];
                assertThat(apart).as("panel %s overlaps another", p.get("title")).isTrue();
            }
            boxes.add(box);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_generated_queries_parse_in_observatorys_query_language() {
        for (String kind : List.of("service", "model", "slo")) {
            Map<String, Object> d = (Map<String, Object>) ok("generate_dashboard",
                    Map.of("kind", kind, "target", "api", "input_price", 1.0, "output_price", 2.0)).get("dashboard");
            for (Map<String, Object> p : (List<Map<String, Object>>) d.get("panels")) {
                for (Map<String, Object> t : (List<Map<String, Object>>) p.get("targets")) {
                    dev.observatory.core.opsmetrics.query.QueryParser.parse((String) t.get("expr"));
                }
            }
        }
    }
}
