package dev.observatory.server.promwrite;

import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.server.http.HttpServer;

/**
 * The Prometheus remote-write receiver at {@code POST /api/v1/write} (snappy protobuf WriteRequest, remote write 1.0),
 * storing into Observatory's service metric store. In prometheus.yml:
 *
 * <pre>
 * remote_write:
 *   - url: http://127.0.0.1:8765/api/v1/write
 *     authorization: { credentials: &lt;api key with write scope&gt; }
 * </pre>
 */
public final class RemoteWrite {
    public static final String PATH = "/api/v1/write";

    private RemoteWrite() {
    }

    /** Mounts the receiver; bodies over {@code maxBodyBytes} (compressed or decompressed) are refused with 413. */
    public static HttpServer.Builder mountOn(HttpServer.Builder builder, Tracking tracking, Meters meters,
            long maxBodyBytes, int maxConcurrentRequests) {
        return builder.addServlet(PATH,
                new RemoteWriteServlet(() -> new OpsMetrics(tracking), meters, maxBodyBytes, maxConcurrentRequests),
                false);
    }
}
