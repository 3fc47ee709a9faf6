package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.telemetry.SelfTracing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A started server records its own tool calls and HTTP requests as spans in its own trace store, and exports them to
 * otlp_export_endpoint (here: a second Observatory's OTLP receiver).
 */
class SelfTracingIT {
    final HttpClient http = HttpClient.newHttpClient();

    private static Config memory(Map<ConfigKey, String> extra) {
        Map<ConfigKey, String> flags = new java.util.EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.STORAGE, "memory");
        flags.put(ConfigKey.PORT, "0");
        flags.putAll(extra);
        return Config.load(null, Map.of(), flags);
    }

    private int post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Spans are recorded after responses are sent and exported asynchronously: wait (up to 10 s) for them. */
    private static void awaitCount(java.util.function.LongSupplier count, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void ownToolCallsAndRequestsBecomeSpansInTheStoreAndAreExported() throws Exception {
        try (ServeCommand.Running collector = ServeCommand.start(memory(Map.of(ConfigKey.SELF_TRACING, "false")))) {
            String endpoint = "http://127.0.0.1:" + collector.http().port();
            try (ServeCommand.Running server = ServeCommand
                    .start(memory(Map.of(ConfigKey.OTLP_EXPORT_ENDPOINT, endpoint)))) {
                int port = server.http().port();
                assertThat(post(port, "/mcp/tool", "{\"name\":\"list_projects\",\"arguments\":{}}")).isEqualTo(200);
                assertThat(post(port, "/mcp/tool", "{\"name\":\"get_run\",\"arguments\":{\"run_id\":\"nope\"}}"))
                        .isIn(200, 404);
                awaitCount(() -> server.observatory().meters.counterValue(SelfTracing.RECORDED_METRIC), 4);
                server.observatory().selfTracing.close();

                assertThat(server.observatory().store.traces().countSpans())
                        .as("two tool calls and their two HTTP requests").isGreaterThanOrEqualTo(4);
                assertThat(server.observatory().meters.counterValue(SelfTracing.DROPPED_METRIC)).isZero();
                awaitCount(() -> collector.observatory().store.traces().countSpans(), 4);
                assertThat(collector.observatory().store.traces().countSpans()).isGreaterThanOrEqualTo(4);
            }
        }
    }
}
