package dev.observatory.core.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Active health probes: an HTTP GET through the JDK HttpClient (no redirects followed), the status, the latency and the
 * first {@link #MAX_BODY} characters of the body. Never throws for an unreachable service: the result says why.
 */
public final class HealthProbe {
    /** Characters of the body kept in a result. */
    public static final int MAX_BODY = 512;
    /** Bytes read of a body at most (discovery scans this much; results keep {@link #MAX_BODY} characters). */
    static final int READ_BYTES = 65_536;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    private HealthProbe() {
    }

    /** Probes the URL (already checked by the caller); {@code timeout} bounds the whole request. */
    public static HealthResult probe(String url, Duration timeout, Clock clock) {
        return probe(url, timeout, clock, MAX_BODY);
    }

    /** As {@link #probe(String, Duration, Clock)}, keeping up to {@code maxBody} characters of the body. */
    static HealthResult probe(String url, Duration timeout, Clock clock, int maxBody) {
        long start = System.nanoTime();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                    .header("Accept", "application/json, text/plain, */*").build();
            HttpResponse<InputStream> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            boolean more;
            try (InputStream in = r.body()) {
                bytes = in.readNBytes(READ_BYTES);
                more = in.read() >= 0;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean truncated = more || text.length() > maxBody;
            String body = text.length() > maxBody ? text.substring(0, maxBody) : text;
            return new HealthResult(url, r.statusCode() / 100 == 2, r.statusCode(), ms, body, truncated, null,
                    clock.instant());
        } catch (HttpTimeoutException e) {
            return failed(url, start, "timed out after " + timeout.toMillis() + " ms", clock);
        } catch (ConnectException e) {
            return failed(url, start, "connection refused", clock);
        } catch (IOException | IllegalArgumentException e) {
            return failed(url, start, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(url, start, "interrupted", clock);
        }
    }

    private static HealthResult failed(String url, long start, String why, Clock clock) {
        return new HealthResult(url, false, null, (System.nanoTime() - start) / 1e6, null, false, why, clock.instant());
    }
}
