package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark tools of the deploy toolset against an in-process OpenAI-style endpoint (a JDK HttpServer on port 0;
 * the core's BenchmarksTest runs the committed tiny model server as a real process).
 */
class BenchmarkToolsTest {
    static final Set<String> DEPLOY = Set.of("deploy");
    final TestData data = new TestData();
    final ToolRegistry tools = data.registry();
    final AtomicInteger calls = new AtomicInteger();
    HttpServer endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/v1/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean fail = calls.incrementAndGet() % 5 == 0;
            byte[] out = (fail ? "{\"error\":\"boom\"}"
                    : "{\"choices\":[{\"text\":\"hi\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":4}}")
                            .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(fail ? 503 : 200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        data.close();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, DEPLOY);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output vs schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    String url() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort();
    }

    @Test
    void runsAStoredBenchmarkAndReadsItBackThroughListGetAndSummary() {
        Map<String, Object> run = ok("run_benchmark", Map.of("endpoint", url(), "model", "llama", "version", "1",
                "prompts", List.of("hello"), "concurrency", "1, 2", "requests", 50, "duration_seconds", 60));
        List<Map<String, Object>> levels = Calls.list(run, "levels");
        assertThat(levels).extracting(l -> l.get("concurrency")).containsExactly(1, 2);
        assertThat(levels.get(0)).containsEntry("requests", 50L).containsEntry("errors", 10L)
                .containsEntry("error_rate", 0.2).containsEntry("completion_tokens", 160L);
        assertThat(levels.get(0).get("first_error").toString()).startsWith("HTTP 503");

        ok("run_benchmark", Map.of("endpoint", url(), "model", "llama", "version", "2", "concurrency", "1", "requests",
                20, "payloads", List.of("{\"prompt\": \"x\"}")));
        Map<String, Object> list = ok("list_benchmarks", Map.of("model", "llama"));
        assertThat(list.get("total")).isEqualTo(2L);
        assertThat(Calls.list(list, "benchmarks")).extracting(b -> b.get("version")).containsExactlyInAnyOrder("1",
                "2");
        Map<String, Object> got = ok("get_benchmark", Map.of("benchmark_id", run.get("id")));
        assertThat(got.get("levels")).isEqualTo(run.get("levels"));
        Map<String, Object> summary = ok("get_benchmark_summary", Map.of("model", "llama"));
        assertThat(Calls.list(summary, "versions")).extracting(v -> v.get("version"), v -> v.get("compared_to"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", null),
                        org.assertj.core.groups.Tuple.tuple("2", "1"));
        assertThat(summary.get("rule").toString()).contains("10%");
    }

    @Test
    void refusesMetadataAddressesAndUnknownIdsAsToolErrors() {
        ToolOutcome ssrf = tools.invoke("run_benchmark",
                Map.of("endpoint", "http://169.254.169.254/", "model", "m", "version", "1"), TestData.ACTOR, DEPLOY);
        assertThat(ssrf.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(ssrf.errorMessage()).contains("link-local");
        ToolOutcome missing = tools.invoke("get_benchmark", Map.of("benchmark_id", "nope"), TestData.ACTOR, DEPLOY);
        assertThat(missing.errorCode()).isEqualTo(ToolOutcome.NOT_FOUND);
        ToolOutcome badLevels = tools.invoke("run_benchmark",
                Map.of("endpoint", url(), "model", "m", "version", "1", "concurrency", "1;2"), TestData.ACTOR, DEPLOY);
        assertThat(badLevels.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
    }
}
