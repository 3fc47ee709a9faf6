package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.call;
import static dev.observatory.mcp.Calls.ok;
import static dev.observatory.mcp.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolErrorsTest {
    final TestData data = new TestData();
    final ToolRegistry registry = data.registry();

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void aMissingArgumentIsAnIsErrorResultNamingIt() {
        ToolOutcome o = call(registry, "get_run", Map.of());
        assertThat(o.result().isError()).isTrue();
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(text(o)).contains("missing required argument 'run_id'").contains("{\"run_id\":");
    }

    @Test
    void aMistypedArgumentIsAnIsErrorResultNamingIt() {
        ToolOutcome o = call(registry, "list_runs", Map.of("limit", "ten"));
        assertThat(o.result().isError()).isTrue();
        assertThat(text(o)).contains("argument 'limit' must be an integer, got the string \"ten\"");
        ToolOutcome status = call(registry, "list_runs", Map.of("status", "running"));
        assertThat(text(status)).contains("argument 'status' must be an array of strings");
    }

    @Test
    void anUnknownRunIsNotFound() {
        ToolOutcome o = call(registry, "get_run", Map.of("run_id", "nope"));
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.NOT_FOUND);
        assertThat(text(o)).contains("no run with id 'nope'");
        assertThat(call(registry, "list_runs", Map.of("project", "ghost")).errorCode())
                .isEqualTo(ToolOutcome.NOT_FOUND);
        assertThat(
                text(call(registry, "get_run_metrics", Map.of("run_id", data.baseline.id(), "keys", List.of("nope")))))
                        .contains("has no metric 'nope'");
    }

    @Test
    void aBadMetricFilterSaysHowToWriteOne() {
        ToolOutcome o = call(registry, "list_runs", Map.of("metric_filters", List.of("loss<<x")));
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(text(o)).contains("'loss<<x' is not KEY OP NUMBER").contains("\"loss<0.5\"");
    }

    @Test
    void listMetricsNeedsExactlyOneOfRunOrProject() {
        assertThat(text(call(registry, "list_metrics", Map.of()))).contains("exactly one of 'run_id' or 'project'");
    }

    @Test
    void anExpiredForgedOrForeignCursorIsRejected() {
        Map<String, Object> page = ok(registry, "list_projects", Map.of("limit", 1));
        String cursor = (String) page.get("next_cursor");
        ToolOutcome foreign = call(registry, "list_projects", Map.of("limit", 2, "cursor", cursor));
        assertThat(foreign.errorCode()).isEqualTo(ToolOutcome.INVALID_CURSOR);
        assertThat(text(foreign)).contains("different query");
        ToolOutcome forged = call(registry, "list_runs", Map.of("cursor", "garbage"));
        assertThat(forged.errorCode()).isEqualTo(ToolOutcome.INVALID_CURSOR);
        String expired = dev.observatory.core.Cursors.encode(1, "{limit=1}", TestData.NOW.getEpochSecond() - 90_000);
        assertThat(call(registry, "list_projects", Map.of("limit", 1, "cursor", expired)).errorCode())
                .isEqualTo(ToolOutcome.INVALID_CURSOR);
    }

    @Test
    void unknownToolsAndToolsOfDisabledToolsetsAreUnknown() {
        ToolOutcome o = call(registry, "drop_tables", Map.of());
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.UNKNOWN_TOOL);
        assertThat(text(o)).contains("unknown tool 'drop_tables'").contains("get_run");
        ToolOutcome disabled = registry.invoke("get_run", Map.of("run_id", "x"), TestData.ACTOR, Set.of("runs"));
        assertThat(disabled.errorCode()).isEqualTo(ToolOutcome.UNKNOWN_TOOL);
        assertThat(text(disabled)).contains("toolset 'core'");
    }

    @Test
    void everyCallIsCountedByToolAndOutcome() {
        ok(registry, "list_projects", Map.of());
        call(registry, "get_run", Map.of());
        call(registry, "get_run", Map.of("run_id", "nope"));
        var m = data.meters;
        assertThat(m.counterValue(ToolRegistry.CALLS_METRIC, "tool", "list_projects", "outcome", "ok")).isEqualTo(1);
        assertThat(m.counterValue(ToolRegistry.CALLS_METRIC, "tool", "get_run", "outcome", "invalid_arguments"))
                .isEqualTo(1);
        assertThat(m.counterValue(ToolRegistry.CALLS_METRIC, "tool", "get_run", "outcome", "not_found")).isEqualTo(1);
        assertThat(m.histogramCount(ToolRegistry.DURATION_METRIC, "tool", "get_run")).isEqualTo(2);
        assertThat(m.renderPrometheus()).contains("mcp_tool_calls_total{tool=\"get_run\",outcome=\"not_found\"} 1");
    }
}
