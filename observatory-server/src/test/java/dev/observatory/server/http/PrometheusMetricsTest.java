package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
    private final TestServer s = TestServer.start();

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void exposesRequestCountsLatenciesIngestAndStoreGaugesByRoutePattern() {
        String id = s.createRun("p", "r");
        s.post("/api/v1/runs/" + id + "/metrics", "{\"metrics\":{\"loss\":{\"steps\":[1,2,3],\"values\":[3,2,1]}}}");
        s.post("/api/v1/runs/" + id + "/logs", "{\"lines\":[{\"text\":\"hello\"},{\"text\":\"world\"}]}");
        s.get("/api/v1/runs/" + id);
        s.get("/api/v1/runs/0000000000000000");
        s.get("/no/such/path");

        TestServer.Response r = s.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(text).contains(
                "observatory_http_requests_total{method=\"POST\",route=\"/api/v1/runs/{id}/metrics\",status=\"200\"} 1",
                "observatory_http_requests_total{method=\"GET\",route=\"/api/v1/runs/{id}\",status=\"200\"} 1",
                "observatory_http_requests_total{method=\"GET\",route=\"/api/v1/runs/{id}\",status=\"404\"} 1",
                "observatory_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
                "observatory_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/runs\","
                        + "status=\"201\",le=\"+Inf\"} 1",
                "observatory_ingest_points_total 3", "observatory_ingest_log_lines_total 2",
                "observatory_store_points{store=\"memory\"} 3", "# TYPE observatory_store_size_bytes gauge");
        assertThat(text).doesNotContain(id);
    }
}
