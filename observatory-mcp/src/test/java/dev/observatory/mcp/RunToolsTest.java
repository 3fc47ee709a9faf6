package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.list;
import static dev.observatory.mcp.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunToolsTest {
    final TestData data = new TestData();
    final ToolRegistry registry = data.registry();

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void theCoreToolsetHasEveryToolOfThisIssueWithSchemasAndReadOnlyAnnotations() {
        List<McpSchema.Tool> tools = registry.tools(Set.of("core"));
        assertThat(tools).extracting(McpSchema.Tool::name)
                .containsExactlyElementsOf(ToolCatalog.all().stream().filter(t -> t.in("core"))
                        .map(dev.observatory.mcp.tool.ToolDef::name).toList())
                .startsWith("list_toolsets", "list_projects", "list_runs", "get_run", "get_run_metrics", "list_metrics",
                        "get_run_logs", "search", "list_models", "get_latest_version")
                .contains("get_training_observability", "compare_runs");
        for (McpSchema.Tool t : tools) {
            assertThat(t.description()).hasSizeGreaterThan(120);
            assertThat(t.inputSchema()).containsEntry("type", "object").containsEntry("additionalProperties", false);
            assertThat(t.outputSchema()).containsEntry("type", "object").containsKey("properties");
            assertThat(t.annotations().readOnlyHint()).isTrue();
            assertThat(t.annotations().destructiveHint()).isFalse();
            assertThat(t.annotations().idempotentHint()).isTrue();
        }
        assertThat(registry.tools(Set.of("runs"))).isEmpty();
    }

    @Test
    void listToolsetsSaysWhichAreEnabledAndHowToEnableMore() {
        Map<String, Object> a = ok(registry, "list_toolsets", Map.of());
        assertThat(list(a, "toolsets")).hasSize(13).first().satisfies(ts -> {
            assertThat(ts).containsEntry("name", "core").containsEntry("enabled", true).containsEntry("tool_count",
                    (int) ToolCatalog.all().stream().filter(t -> t.in("core")).count());
        });
        assertThat(list(a, "toolsets").get(1)).containsEntry("name", "runs").containsEntry("enabled", false);
        assertThat(a.get("how_to_enable").toString()).contains("?toolsets=");
    }

    @Test
    void listProjectsShowsRunCountsAndDeepLinks() {
        Map<String, Object> a = ok(registry, "list_projects", Map.of());
        assertThat(list(a, "projects")).extracting(p -> p.get("name")).containsExactly("llm-pretrain", "vision");
        assertThat(list(a, "projects").get(1)).containsEntry("run_count", 2L).containsEntry("url",
                "http://obs.test/projects/vision");
        assertThat(a).containsEntry("total", 2).containsEntry("truncated", false).doesNotContainKey("next_cursor");
    }

    @Test
    void listRunsFiltersByStatusTagsParamsNameAndMetricThresholds() {
        assertThat(names(ok(registry, "list_runs", Map.of("status", List.of("running"))))).containsExactly("gpt-small");
        assertThat(names(ok(registry, "list_runs", Map.of("tags", List.of("resnet", "baseline")))))
                .containsExactly("resnet-baseline");
        assertThat(names(ok(registry, "list_runs", Map.of("params", Map.of("lr", 0.1)))))
                .containsExactly("resnet-lr-high");
        assertThat(names(ok(registry, "list_runs", Map.of("project", "vision", "name_contains", "LR"))))
                .containsExactly("resnet-lr-high");
        Map<String, Object> a = ok(registry, "list_runs", Map.of("metric_filters", List.of("loss < 3.5")));
        assertThat(names(a)).containsExactlyInAnyOrder("resnet-baseline", "gpt-small");
        assertThat(a).containsEntry("total", 2L);
    }

    @Test
    void listRunsSortsByAMetricAndShowsTheRequestedLastValues() {
        Map<String, Object> a = ok(registry, "list_runs",
                Map.of("sort", "metric:loss", "order", "asc", "metrics", List.of("val/acc")));
        List<Map<String, Object>> runs = list(a, "runs");
        assertThat(names(a).getFirst()).isEqualTo("resnet-baseline");
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) runs.getFirst().get("metrics");
        assertThat(metrics).containsKeys("loss", "val/acc");
        assertThat(runs.getFirst()).containsEntry("status", "finished").containsEntry("project", "vision")
                .containsEntry("url", "http://obs.test/runs/" + data.baseline.id());
    }

    @Test
    void listRunsPagesWithNextCursorUntilEveryRunWasSeenOnce() {
        Map<String, Object> first = ok(registry, "list_runs", Map.of("limit", 2));
        assertThat(list(first, "runs")).hasSize(2);
        assertThat(first).containsEntry("truncated", false).containsKey("next_cursor");
        Map<String, Object> second = ok(registry, "list_runs", Map.of("limit", 2, "cursor", first.get("next_cursor")));
        assertThat(list(second, "runs")).hasSize(1);
        assertThat(second).doesNotContainKey("next_cursor");
        assertThat(names(first)).doesNotContainAnyElementsOf(names(second));
    }

    @Test
    void getRunShowsParamsTagsMetricSummariesAndLogSize() {
        Map<String, Object> a = ok(registry, "get_run", Map.of("run_id", data.diverged.id()));
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) a.get("run");
        assertThat(run).containsEntry("name", "resnet-lr-high").containsEntry("status", "failed")
                .containsEntry("user", "alice").containsEntry("git_commit", "abc123")
                .containsEntry("params", Map.of("lr", 0.1, "optimizer", "adamw"))
                .containsEntry("url", "http://obs.test/runs/" + data.diverged.id());
        assertThat(a).containsEntry("log_lines", 302L).containsEntry("metric_count", 1).containsEntry("truncated",
                false);
        assertThat(list(a, "metrics").getFirst()).containsEntry("key", "loss").containsEntry("count", 6L)
                .containsEntry("nan_count", 2L).containsEntry("max", 8.0).containsEntry("argmax_step", 3L)
                .containsEntry("min", 2.0).containsEntry("argmin_step", 1L).containsEntry("first", 2.5);
    }

    @Test
    void getRunListsSystemMetricsLast() {
        Map<String, Object> a = ok(registry, "get_run", Map.of("run_id", data.baseline.id()));
        assertThat(list(a, "metrics")).extracting(m -> m.get("key")).containsExactly("loss", "val/acc",
                "system/gpu_util");
    }

    @Test
    void searchFindsProjectsAndRunsByNameOrTag() {
        Map<String, Object> a = ok(registry, "search", Map.of("query", "resnet"));
        assertThat(list(a, "hits")).extracting(h -> h.get("name")).contains("resnet-baseline", "resnet-lr-high");
        Map<String, Object> byTag = ok(registry, "search", Map.of("query", "sweep", "kinds", List.of("run")));
        assertThat(list(byTag, "hits")).singleElement().satisfies(h -> assertThat(h).containsEntry("kind", "run")
                .containsEntry("id", data.sweep.id()).containsEntry("matched", "tag"));
        Map<String, Object> projects = ok(registry, "search", Map.of("query", "vision", "kinds", List.of("project")));
        assertThat(list(projects, "hits")).singleElement()
                .satisfies(h -> assertThat(h).containsEntry("url", "http://obs.test/projects/vision"));
    }

    static List<Object> names(Map<String, Object> answer) {
        return list(answer, "runs").stream().map(r -> r.get("name")).toList();
    }
}
