package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.telemetry.SelfTracer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every HTTP request is reported to the self-tracing hook with its method, route, path and status. */
class SelfTracingHttpTest {
    final TestServer server = TestServer.start();
    final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reportsEachRequestWithItsRoutePathAndStatus() {
        server.meters.tracer(new SelfTracer() {
            @Override
            public void toolCall(String tool, String outcome, long durationNanos) {
            }

            @Override
            public void httpRequest(String method, String route, String path, int status, long durationNanos) {
                requests.add(method + " " + route + " " + path + " " + status);
            }
        });

        server.get("/health");
        server.get("/api/v1/runs/nope");
        awaitSize(2);

        assertThat(requests).containsExactly("GET /health /health 200", "GET /api/v1/runs/{id} /api/v1/runs/nope 404");
    }

    /** The filter reports after the response is sent, so the client may see it first. */
    private void awaitSize(int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (requests.size() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
