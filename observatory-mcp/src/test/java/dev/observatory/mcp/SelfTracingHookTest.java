package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.telemetry.SelfTracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every tool call, successful or not, is reported to the self-tracing hook with its outcome. */
class SelfTracingHookTest {
    final TestData data = new TestData();
    final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void reportsEachToolCallWithItsOutcome() {
        data.meters.tracer(new SelfTracer() {
            @Override
            public void toolCall(String tool, String outcome, long durationNanos) {
                calls.add(tool + ":" + outcome + ":" + (durationNanos >= 0));
            }

            @Override
            public void httpRequest(String method, String route, String path, int status, long durationNanos) {
            }
        });
        ToolRegistry registry = data.registry();

        call(registry, "list_projects", Map.of());
        call(registry, "get_run", Map.of("run_id", "nope"));
        call(registry, "no_such_tool", Map.of());

        assertThat(calls).containsExactly("list_projects:ok:true", "get_run:not_found:true",
                "unknown:unknown_tool:true");
    }
}
