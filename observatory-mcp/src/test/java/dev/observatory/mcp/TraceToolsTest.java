package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.trace.Traces;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.mcp.trace.TraceResources;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceToolsTest {
    static final Set<String> TRACES = Set.of("traces");
    /** Ten minutes before TestData.NOW, in epoch nanos. */
    static final long T0 = (TestData.NOW.getEpochSecond() - 600) * 1_000_000_000L;
    static final long MS = 1_000_000;

    final TestData data = new TestData();
    final ToolRegistry tools = data.registry();

    TraceToolsTest() {
        List<Span> spans = new ArrayList<>();
        for (int t = 1; t <= 6; t++) {
            spans.add(span(t, 1, null, "checkout", t * 1000L, 100L * t, SpanStatus.OK, Map.of()));
            Map<String, Object> chat = new LinkedHashMap<>();
            chat.put("gen_ai.operation.name", "chat");
            chat.put("gen_ai.request.model", t % 2 == 0 ? "gpt-4o" : "claude-3-5-haiku");
            chat.put("gen_ai.usage.input_tokens", 1000L);
            chat.put("gen_ai.usage.output_tokens", 100L);
            chat.put("observatory.fallback_used", t <= 2);
            chat.put("enduser.id", "ada");
            spans.add(span(t, 2, 1, "chat", t * 1000L + 5, 90L * t, t == 3 ? SpanStatus.ERROR : SpanStatus.OK, chat));
        }
        new Traces(data.tracking).ingest(spans);
    }

    static Span span(int trace, int span, Integer parent, String name, long startMs, long durMs, SpanStatus status,
            Map<String, Object> attrs) {
        return new Span(String.format("%032x", trace), String.format("%016x", span),
                parent == null ? null : String.format("%016x", parent), "shop", name, SpanKind.INTERNAL,
                T0 + startMs * MS, T0 + (startMs + durMs) * MS, status,
                status == SpanStatus.ERROR ? "rate limited" : null, attrs, Map.of("service.name", "shop"), null, null,
                null, null);
    }

    @AfterEach
    void close() {
        data.close();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, TRACES);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(((TextContent) o.result().content().getFirst()).text()).isEqualTo(Json.write(o.data()));
        Map<String, Object> schema = tools.find(tool).orElseThrow().outputSchema();
        var check = McpJsonDefaults.getSchemaValidator().validate(schema, o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    @Test
    void theTracesToolsetHasEightToolsAndCoreOffersListAndGetTrace() {
        List<String> names = ToolCatalog.all().stream().filter(t -> t.toolset().equals("traces")).map(ToolDef::name)
                .toList();
        assertThat(names).containsExactly("list_traces", "get_trace", "find_slow_traces", "find_error_traces",
                "get_llm_usage", "get_metrics_snapshot", "get_active_alerts", "compare_models");
        assertThat(tools.tools(Set.of("core"))).extracting(McpSchema.Tool::name).contains("list_traces", "get_trace")
                .doesNotContain("get_llm_usage");
        for (McpSchema.Tool t : tools.tools(TRACES)) {
            assertThat(t.description()).hasSizeGreaterThan(120);
            assertThat(t.annotations().readOnlyHint()).isTrue();
        }
    }

    @Test
    void listsTracesNewestFirstAndPagesWithTheCursor() {
        Map<String, Object> first = ok("list_traces", Map.of("limit", 4));
        assertThat(list(first, "traces")).extracting(t -> t.get("trace_id")).containsExactly(id(6), id(5), id(4),
                id(3));
        assertThat(list(first, "traces").get(0)).containsEntry("root", "checkout").containsEntry("spans", 2)
                .containsEntry("tokens", 1100L);
        assertThat(first).containsEntry("truncated", true);
        Map<String, Object> second = ok("list_traces", Map.of("limit", 4, "cursor", first.get("next_cursor")));
        assertThat(list(second, "traces")).extracting(t -> t.get("trace_id")).containsExactly(id(2), id(1));
        assertThat(second).doesNotContainKey("next_cursor");

        Map<String, Object> errors = ok("list_traces", Map.of("status", "error", "model", "claude-3-5-haiku"));
        assertThat(list(errors, "traces")).extracting(t -> t.get("trace_id")).containsExactly(id(3));
    }

    @Test
    void getTraceShowsTheTreeAndExpandsOnlyTheAskedSpan() {
        Map<String, Object> t = ok("get_trace",
                Map.of("trace_id", id(2), "expand_span_ids", List.of(String.format("%016x", 2))));
        assertThat(list(t, "nodes")).extracting(n -> n.get("name")).containsExactly("checkout", "chat");
        assertThat(list(t, "nodes").get(0)).doesNotContainKey("attributes");
        assertThat((List<String>) t.get("critical_path")).hasSize(2);
        assertThat(list(t, "expanded")).singleElement().satisfies(s -> {
            assertThat(s).containsKey("attributes");
            assertThat((Map<String, Object>) s.get("llm")).containsEntry("model", "gpt-4o")
                    .containsEntry("fallback_used", true).containsKey("cost_usd");
        });
        ToolOutcome missing = tools.invoke("get_trace", Map.of("trace_id", id(99)), TestData.ACTOR, TRACES);
        assertThat(missing.errorCode()).isEqualTo(ToolOutcome.NOT_FOUND);
        ToolOutcome bad = tools.invoke("get_trace", Map.of("trace_id", "xyz"), TestData.ACTOR, TRACES);
        assertThat(bad.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
    }

    @Test
    void findsSlowAndErrorTraces() {
        Map<String, Object> slow = ok("find_slow_traces", Map.of("min_duration_ms", 500));
        assertThat(list(slow, "traces")).extracting(t -> t.get("trace_id")).containsExactly(id(6), id(5));
        Map<String, Object> errors = ok("find_error_traces", Map.of());
        assertThat(list(errors, "groups")).singleElement().satisfies(g -> {
            assertThat(g).containsEntry("span", "chat").containsEntry("count", 1L).containsEntry("message",
                    "rate limited");
            assertThat((List<String>) g.get("trace_ids")).containsExactly(id(3));
        });
    }

    @Test
    void reportsUsageSnapshotAlertsAndModelComparison() {
        Map<String, Object> usage = ok("get_llm_usage", Map.of("group_by", List.of("model", "user")));
        assertThat(list(usage, "rows")).hasSize(2);
        assertThat(list(usage, "rows").get(0)).containsEntry("group", Map.of("model", "gpt-4o", "user", "ada"))
                .containsEntry("calls", 3L).containsEntry("input_tokens", 3000L);
        assertThat((Double) usage.get("total_cost_usd")).isPositive();

        Map<String, Object> snap = ok("get_metrics_snapshot", Map.of("service", "shop"));
        Map<String, Object> metrics = (Map<String, Object>) list(snap, "services").get(0).get("metrics");
        assertThat(metrics).containsEntry("calls", 6.0).containsEntry("fallback_rate", 0.333333);

        Map<String, Object> alerts = ok("get_active_alerts", Map.of());
        assertThat(list(alerts, "alerts")).extracting(a -> a.get("metric")).contains("fallback_rate", "error_rate");
        Map<String, Object> fallback = list(alerts, "alerts").stream()
                .filter(a -> a.get("metric").equals("fallback_rate")).findFirst().orElseThrow();
        assertThat((List<String>) fallback.get("trace_ids")).containsExactly(id(2), id(1));

        Map<String, Object> compare = ok("compare_models", Map.of());
        assertThat(list(compare, "models")).extracting(m -> m.get("model")).containsExactlyInAnyOrder("gpt-4o",
                "claude-3-5-haiku");
    }

    @Test
    void aRelativeWindowThatIsNotANumberAndUnitIsRefused() {
        ToolOutcome o = tools.invoke("get_metrics_snapshot", Map.of("last", "an hour"), TestData.ACTOR, TRACES);
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
    }

    @Test
    void theTraceResourceReadsTheCompactTree() {
        var template = TraceResources.templates(data.tracking).getFirst();
        String uri = "observatory://traces/" + id(4);
        String json = ((TextResourceContents) template.readHandler().apply(null, new ReadResourceRequest(uri))
                .contents().getFirst()).text();
        assertThat(json).contains("\"root\":\"checkout\"").contains("\"critical_path\"").doesNotContain("attributes");
        assertThatThrownBy(
                () -> template.readHandler().apply(null, new ReadResourceRequest("observatory://traces/" + id(77))))
                        .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code())
                                .isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
    }

    static String id(int n) {
        return String.format("%032x", n);
    }
}
