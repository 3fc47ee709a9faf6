package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.list;
import static dev.observatory.mcp.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.TokenCounter;
import dev.observatory.model.NewRun;
import dev.observatory.model.RunStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputBudgetTest {
    final TestData data = new TestData();

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void aListOverTheBudgetIsCutAndContinuesWithNextCursorUntilEveryRunWasSeenOnce() {
        for (int i = 0; i < 120; i++) {
            data.tracking.createRun(TestData.ACTOR,
                    new NewRun("vision", "sweep-run-" + i + "-with-a-long-name", RunStatus.FINISHED, "bob",
                            List.of("sweep", "lr-search", "tag-" + i), Map.of("lr", i), null, TestData.NOW, null,
                            null));
        }
        ToolRegistry registry = data.registry(1000);
        Set<Object> seen = new HashSet<>();
        Map<String, Object> page = ok(registry, "list_runs", Map.of("project", "vision", "limit", 200));
        assertThat(page).containsEntry("truncated", true).containsKey("next_cursor");
        int pages = 1;
        while (true) {
            assertThat(TokenCounter.count(Json.write(page))).isLessThanOrEqualTo(1000);
            list(page, "runs").forEach(r -> assertThat(seen.add(r.get("id"))).isTrue());
            if (!page.containsKey("next_cursor")) {
                break;
            }
            page = ok(registry, "list_runs",
                    Map.of("project", "vision", "limit", 200, "cursor", page.get("next_cursor")));
            pages++;
        }
        assertThat(seen).hasSize(122);
        assertThat(pages).isGreaterThan(3);
    }

    @Test
    void aSingleHugeAnswerIsShortenedToFitTheBudget() {
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            notes.append("word").append(i).append(' ');
        }
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            params.put("param_" + i, "value " + i);
        }
        var run = data.tracking.createRun(TestData.ACTOR, new NewRun("vision", "huge", RunStatus.RUNNING, null, null,
                params, notes.toString(), null, null, null));
        Map<String, Object> a = ok(data.registry(2000), "get_run", Map.of("run_id", run.id()));
        assertThat(a).containsEntry("truncated", true);
        assertThat(TokenCounter.count(Json.write(a))).isLessThanOrEqualTo(2000);
    }
}
