package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** run_benchmark sends MCP progress notifications over real Streamable HTTP when the call carries a progressToken. */
class BenchmarkProgressTest {
    final McpTestServer s = new McpTestServer();
    final HttpServer endpoint;

    BenchmarkProgressTest() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/v1/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] out = "{\"usage\":{\"completion_tokens\":1}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        s.close();
    }

    @Test
    void runBenchmarkReportsIncreasingProgressUpToTheTotalWithTheCallersToken() throws InterruptedException {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        McpSyncClient client = s.client("?toolsets=deploy", seen::add);
        CallToolResult r = client
                .callTool(
                        CallToolRequest.builder().name("run_benchmark").progressToken("bench-1")
                                .arguments(Map.of("endpoint", "http://127.0.0.1:" + endpoint.getAddress().getPort(),
                                        "model", "m", "version", "1", "concurrency", "1,2", "duration_seconds", 1.2))
                                .build());
        assertThat(r.isError()).as("%s", r.content()).isFalse();
        // the SDK client hands notifications to the consumer on its own thread: the last one, sent before the result,
        // may reach the list just after callTool returned
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((seen.isEmpty() || seen.getLast().progress() < 2400.0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(seen).isNotEmpty().allSatisfy(p -> {
            assertThat(p.progressToken()).isEqualTo("bench-1");
            assertThat(p.total()).isEqualTo(2400.0);
        });
        assertThat(seen).extracting(ProgressNotification::progress).isSorted().last().isEqualTo(2400.0);
        assertThat(seen).anySatisfy(p -> assertThat(p.message()).contains("concurrency 2"));
    }

    @Test
    void withoutAProgressTokenNoProgressIsSent() {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        McpSyncClient client = s.client("?toolsets=deploy", seen::add);
        CallToolResult r = client.callTool(new CallToolRequest("run_benchmark", Map.of("endpoint",
                "http://127.0.0.1:" + endpoint.getAddress().getPort(), "model", "m", "version", "1", "requests", 5)));
        assertThat(r.isError()).isFalse();
        assertThat(seen).isEmpty();
    }
}
