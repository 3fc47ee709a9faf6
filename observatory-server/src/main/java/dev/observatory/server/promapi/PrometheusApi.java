package dev.observatory.server.promapi;

import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.server.http.HttpServer;

/**
 * A Prometheus-compatible HTTP query API over Observatory's own service-metric store, at {@code /prometheus/api/v1}:
 * {@code query}, {@code query_range}, {@code series}, {@code labels}, {@code label/<name>/values},
 * {@code status/buildinfo} and {@code metadata}, GET or POST (form), in Prometheus' JSON format, with queries in
 * Observatory's metric query language (docs/metrics-query-language.md). Grafana adds Observatory as a Prometheus data
 * source with the URL {@code http://<host>:<port>/prometheus}.
 */
public final class PrometheusApi {
    /** Where the API is mounted; a Prometheus client's base URL is {@code http://<host>:<port>/prometheus}. */
    public static final String PREFIX = "/prometheus/api/v1";

    private PrometheusApi() {
    }

    /** Mounts the API; {@code version} is Observatory's, reported by buildinfo as the revision. */
    public static HttpServer.Builder mountOn(HttpServer.Builder builder, Tracking tracking, String version) {
        return builder.addServlet(PREFIX + "/*",
                new PrometheusApiServlet(() -> new OpsMetrics(tracking), () -> tracking.clock().millis(), version),
                false);
    }
}
