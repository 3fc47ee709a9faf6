package dev.observatory.server.http;

import dev.observatory.core.telemetry.Meters;
import dev.observatory.store.StorageComponent;
import java.util.Set;

/** Names and recording of the HTTP layer's own metrics (rendered at /metrics). */
final class RequestMetrics {
    static final String REQUESTS = "observatory_http_requests_total";
    static final String DURATION = "observatory_http_request_duration_seconds";
    static final String INGEST_POINTS = "observatory_ingest_points_total";
    static final String INGEST_LOG_LINES = "observatory_ingest_log_lines_total";
    static final String STORE_POINTS = "observatory_store_points";
    static final String STORE_SIZE = "observatory_store_size_bytes";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Meters meters;

    RequestMetrics(Meters meters, StorageComponent store) {
        this.meters = meters;
        String kind = store.kind();
        meters.gauge(STORE_POINTS, "Metric points held by the store.", () -> store.metrics().pointCount(), "store",
                kind);
        meters.gauge(STORE_SIZE, "Bytes the store uses on disk (-1 when unknown).", store::sizeBytes, "store", kind);
    }

    /** One finished request; {@code route} is the matched pattern (never the raw path, to bound label values). */
    void request(String method, String route, int status, long nanos) {
        request(method, route, null, status, nanos);
    }

    /** One finished request; {@code path} (the raw path) goes only to the self-tracing span, never to a label. */
    void request(String method, String route, String path, int status, long nanos) {
        String m = METHODS.contains(method) ? method : "OTHER";
        String s = Integer.toString(status);
        meters.count(REQUESTS, "HTTP requests by method, route pattern and status.", 1, "method", m, "route", route,
                "status", s);
        meters.observeNanos(DURATION, "HTTP request latency by method, route pattern and status.", nanos, "method", m,
                "route", route, "status", s);
        meters.tracer().httpRequest(m, route, path, status, nanos);
    }

    void points(long n) {
        meters.count(INGEST_POINTS, "Metric points ingested over HTTP.", n);
    }

    void logLines(long n) {
        meters.count(INGEST_LOG_LINES, "Run log lines ingested over HTTP.", n);
    }
}
