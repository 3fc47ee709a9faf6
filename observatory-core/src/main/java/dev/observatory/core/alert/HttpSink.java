package dev.observatory.core.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs JSON: the webhook payload (signed with HMAC-SHA256 in {@value #SIGNATURE} as {@code sha256=<hex>} when a secret
 * is set), a Slack-compatible {@code {"text": ...}}, or Alertmanager alerts to {@code /api/v2/alerts}. Retries on I/O
 * errors, 429 and 5xx with exponential backoff (250 ms, 500 ms, ...); every attempt has the sink's timeout.
 */
final class HttpSink implements Sink {
    static final String SIGNATURE = "X-Observatory-Signature";
    static final long BACKOFF_MS = 250;

    enum Format {
        WEBHOOK, SLACK, ALERTMANAGER
    }

    private final SinkConfig config;
    private final UrlGuard guard;
    private final Format format;
    private final HttpClient client;

    HttpSink(SinkConfig config, UrlGuard guard, Format format) {
        this.config = config;
        this.guard = guard;
        this.format = format;
        guard.check(target()); // refuse at configuration time
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private String target() {
        if (format != Format.ALERTMANAGER) {
            return config.destination();
        }
        String base = config.destination().replaceAll("/+$", "");
        return base.endsWith("/api/v2/alerts") ? base : base + "/api/v2/alerts";
    }

    @Override
    public Outcome deliver(List<Notification> group) throws DeliveryFailed {
        Object body = switch (format) {
            case SLACK -> Payloads.slack(group);
            case ALERTMANAGER -> Payloads.alertmanager(group);
            case WEBHOOK -> Payloads.webhook(group, config.includeContext());
        };
        byte[] bytes = AlertCodec.write(body).getBytes(StandardCharsets.UTF_8);
        String last = "";
        int attempts = 0;
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            if (attempt > 0 && !sleep(BACKOFF_MS << (attempt - 1))) {
                break;
            }
            attempts++;
            try {
                URI uri = guard.check(target()); // again: the host may resolve elsewhere now
                HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(config.timeout())
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
                if (config.secret() != null && format == Format.WEBHOOK) {
                    req.header(SIGNATURE, "sha256=" + hmac(config.secret(), bytes));
                }
                int status = client.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(attempts, "HTTP " + status);
                }
                last = "HTTP " + status;
                if (status != 429 && status < 500) {
                    break; // the receiver refuses the request: retrying will not help
                }
            } catch (IOException | IllegalArgumentException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = "interrupted";
                break;
            }
        }
        throw new DeliveryFailed(attempts, last);
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lowercase hex HMAC-SHA256 of the body with the secret. */
    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
