package dev.observatory.core.opsmetrics;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of service metrics.
 *
 * @param prometheusUrl
 *            base URL of a Prometheus server queried through its HTTP API (e.g. http://prometheus:9090), or null
 * @param prometheusTimeout
 *            time limit of one request to it
 * @param retentionDays
 *            samples older than this are deleted; 0 keeps them forever
 */
public record OpsMetricsSettings(URI prometheusUrl, Duration prometheusTimeout, int retentionDays) {

    public OpsMetricsSettings {
        if (prometheusUrl != null
                && !("http".equals(prometheusUrl.getScheme()) || "https".equals(prometheusUrl.getScheme()))
                || prometheusUrl != null && prometheusUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "prometheus_url must be an http(s) URL such as http://127.0.0.1:9090, got " + prometheusUrl);
        }
        if (prometheusTimeout == null || prometheusTimeout.isNegative() || prometheusTimeout.isZero()) {
            throw new IllegalArgumentException("prometheus_timeout must be positive, got " + prometheusTimeout);
        }
        if (retentionDays < 0) {
            throw new IllegalArgumentException("metrics_retention_days must be 0 or more, got " + retentionDays);
        }
    }

    /** From the config values: an empty URL means no Prometheus. */
    public static OpsMetricsSettings of(String prometheusUrl, int timeoutSeconds, int retentionDays) {
        String url = prometheusUrl == null ? "" : prometheusUrl.trim().replaceAll("/+$", "");
        try {
            return new OpsMetricsSettings(url.isEmpty() ? null : URI.create(url), Duration.ofSeconds(timeoutSeconds),
                    retentionDays);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("prometheus_url") ? e.getMessage()
                    : "prometheus_url is not a URL: " + e.getMessage());
        }
    }

    /** No Prometheus, 10 s timeout, 30 days of samples. */
    public static OpsMetricsSettings defaults() {
        return new OpsMetricsSettings(null, Duration.ofSeconds(10), 30);
    }
}
