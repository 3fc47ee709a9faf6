package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.list;
import static dev.observatory.mcp.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricAndLogToolsTest {
    final TestData data = new TestData();
    final ToolRegistry registry = data.registry();

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void getRunMetricsDownsamplesTenThousandPointsToMaxPointsAndKeepsTheSpike() {
        Map<String, Object> a = ok(registry, "get_run_metrics",
                Map.of("run_id", data.baseline.id(), "keys", List.of("loss")));
        Map<String, Object> series = list(a, "series").getFirst();
        List<Object> points = List.copyOf((List<?>) series.get("points"));
        assertThat(points).hasSizeLessThanOrEqualTo(100).hasSizeGreaterThan(50);
        assertThat(series).containsEntry("downsampled", true).containsEntry("from_step", 0L).containsEntry("to_step",
                9999L);
        assertThat(points).contains(List.<Object> of(7000L, 9.5));
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) series.get("summary");
        assertThat(summary).containsEntry("count", 10_000L).containsEntry("max", 9.5)
                .containsEntry("argmax_step", 7000L).containsEntry("first_step", 0L).containsEntry("last_step", 9999L)
                .containsEntry("nan_count", 0L);
    }

    @Test
    void getRunMetricsReturnsEveryPointOfAShortSeriesWithNaNAsText() {
        Map<String, Object> a = ok(registry, "get_run_metrics",
                Map.of("run_id", data.diverged.id(), "keys", List.of("loss")));
        Map<String, Object> series = list(a, "series").getFirst();
        assertThat(List.<Object> copyOf((List<?>) series.get("points"))).containsExactly(List.<Object> of(0L, 2.5),
                List.<Object> of(1L, 2.0), List.<Object> of(2L, 3.5), List.<Object> of(3L, 8.0),
                List.<Object> of(4L, "NaN"), List.<Object> of(5L, "NaN"));
        assertThat(series).containsEntry("downsampled", false);
        assertThat(a).containsEntry("truncated", false);
    }

    @Test
    void getRunMetricsReadsSeveralKeysAndAStepRange() {
        Map<String, Object> a = ok(registry, "get_run_metrics", Map.of("run_id", data.baseline.id(), "keys",
                List.of("loss", "val/acc"), "from_step", 100, "to_step", 199, "max_points", 200));
        assertThat(list(a, "series")).extracting(s -> s.get("key")).containsExactly("loss", "val/acc");
        List<?> points = (List<?>) list(a, "series").get(1).get("points");
        assertThat(points).hasSizeLessThanOrEqualTo(200);
        assertThat(((List<?>) points.getFirst()).getFirst()).isEqualTo(100L);
        assertThat(((List<?>) points.getLast()).getFirst()).isEqualTo(199L);
    }

    @Test
    void listMetricsOfARunAndOfAProject() {
        Map<String, Object> run = ok(registry, "list_metrics", Map.of("run_id", data.baseline.id()));
        assertThat(list(run, "metrics")).extracting(m -> m.get("key")).containsExactly("loss", "system/gpu_util",
                "val/acc");
        assertThat(list(run, "metrics").getFirst()).containsEntry("count", 10_000L).containsKey("last");
        Map<String, Object> system = ok(registry, "list_metrics",
                Map.of("run_id", data.baseline.id(), "prefix", "system/"));
        assertThat(list(system, "metrics")).hasSize(1);
        Map<String, Object> project = ok(registry, "list_metrics", Map.of("project", "vision"));
        assertThat(list(project, "metrics").getFirst()).containsEntry("key", "loss").containsEntry("runs", 2L);
        assertThat(project).containsEntry("total", 3);
    }

    @Test
    void getRunLogsTailsGrepsAndFiltersByLevel() {
        Map<String, Object> tail = ok(registry, "get_run_logs", Map.of("run_id", data.diverged.id(), "tail", 3));
        assertThat(list(tail, "lines")).extracting(l -> l.get("seq")).containsExactly(300L, 301L, 302L);
        assertThat(tail).containsEntry("total_lines", 302L).containsEntry("next_before_seq", 300L)
                .containsKey("next_cursor");
        Map<String, Object> errors = ok(registry, "get_run_logs",
                Map.of("run_id", data.diverged.id(), "level", "error"));
        assertThat(list(errors, "lines")).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("text", "RuntimeError: CUDA out of memory").containsEntry("stream", "stderr"));
        Map<String, Object> grep = ok(registry, "get_run_logs", Map.of("run_id", data.diverged.id(), "grep", "NAN"));
        assertThat(list(grep, "lines")).singleElement().satisfies(l -> assertThat(l).containsEntry("level", "WARN"));
    }

    @Test
    void getRunLogsPagesBackwardsWithTheCursor() {
        Map<String, Object> page = ok(registry, "get_run_logs", Map.of("run_id", data.diverged.id(), "tail", 100));
        int seen = list(page, "lines").size();
        long lowest = 302;
        while (page.containsKey("next_cursor")) {
            page = ok(registry, "get_run_logs",
                    Map.of("run_id", data.diverged.id(), "tail", 100, "cursor", page.get("next_cursor")));
            List<Map<String, Object>> lines = list(page, "lines");
            assertThat((Long) lines.getLast().get("seq")).isLessThan(lowest);
            lowest = (Long) lines.getFirst().get("seq");
            seen += lines.size();
        }
        assertThat(seen).isEqualTo(302);
        assertThat(lowest).isEqualTo(1L);
    }
}
