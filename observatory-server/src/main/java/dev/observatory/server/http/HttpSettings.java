package dev.observatory.server.http;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the HTTP layer.
 *
 * @param maxBodyBytes
 *            largest request body accepted (413 PAYLOAD_TOO_LARGE above it); default 64 MiB
 * @param requestTimeout
 *            idle timeout of a connection: a request whose bytes stop arriving for this long is aborted
 * @param authRequired
 *            require an API key even while none is configured or stored (auth is always on once any key exists)
 * @param allowedOrigins
 *            browser origins ({@code scheme://host[:port]}) allowed besides loopback ones; {@code "*"} allows any
 * @param allowedHosts
 *            Host header values ({@code name} for any port, or {@code name:port}) allowed besides {@code 127.0.0.1},
 *            {@code localhost} and {@code [::1]}; {@code "*"} allows any (needed when binding a public interface
 *            without a proxy)
 */
public record HttpSettings(long maxBodyBytes, Duration requestTimeout, boolean authRequired,
        List<String> allowedOrigins, List<String> allowedHosts) {

    /** 64 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    public HttpSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** 64 MiB bodies, 60 s timeout, auth only when keys exist, loopback hosts and origins only. */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(60), false, List.of(), List.of());
    }

    public HttpSettings withMaxBodyBytes(long bytes) {
        return new HttpSettings(bytes, requestTimeout, authRequired, allowedOrigins, allowedHosts);
    }

    public HttpSettings withAllowedHosts(List<String> hosts) {
        return new HttpSettings(maxBodyBytes, requestTimeout, authRequired, allowedOrigins, hosts);
    }

    public HttpSettings withAllowedOrigins(List<String> origins) {
        return new HttpSettings(maxBodyBytes, requestTimeout, authRequired, origins, allowedHosts);
    }
}
