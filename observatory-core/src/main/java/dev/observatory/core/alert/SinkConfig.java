package dev.observatory.core.alert;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A notification sink.
 *
 * @param type
 *            file (JSON lines), webhook (JSON POST, HMAC-signed when a secret is set), slack (Slack-compatible webhook)
 *            or alertmanager (its v2 API)
 * @param destination
 *            the file path, webhook URL, or Alertmanager base URL
 * @param minSeverity
 *            notifications of lower severity are not sent
 * @param matchers
 *            only alerts whose labels contain every one (empty: every alert)
 * @param groupBy
 *            labels whose values group notifications into one delivery (default: alertname)
 * @param perMinute
 *            most deliveries per minute (storm guard); the rest are dropped and counted
 * @param secret
 *            HMAC-SHA256 key of webhook signatures; null for none
 * @param retries
 *            further attempts after a failed delivery, with exponential backoff
 * @param queueCapacity
 *            deliveries waiting for the sink's thread at most; more are dropped and counted
 */
public record SinkConfig(String name, String type, String destination, Severity minSeverity,
        Map<String, String> matchers, List<String> groupBy, int perMinute, String secret, Duration timeout, int retries,
        int queueCapacity, boolean includeContext) {
    static final Set<String> TYPES = Set.of("file", "webhook", "slack", "alertmanager");

    public SinkConfig {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(
                    "sink name '" + name + "' is invalid: use lowercase letters, digits," + " '_', '.' or '-'");
        }
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("sink " + name + " has unknown type '" + type + "': use " + TYPES);
        }
        if (destination == null || destination.isBlank()) {
            throw new IllegalArgumentException("sink " + name + " needs a destination (path or URL)");
        }
        minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
        matchers = matchers == null ? Map.of() : Map.copyOf(matchers);
        groupBy = groupBy == null || groupBy.isEmpty() ? List.of("alertname") : List.copyOf(groupBy);
        perMinute = perMinute <= 0 ? 60 : perMinute;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        retries = Math.max(0, Math.min(retries, 10));
        queueCapacity = queueCapacity <= 0 ? 1000 : queueCapacity;
    }

    /** A sink with the defaults: every severity, grouped by rule, 60 per minute, 3 retries, 5 s timeout. */
    public static SinkConfig of(String name, String type, String destination) {
        return new SinkConfig(name, type, destination, Severity.INFO, Map.of(), List.of(), 60, null,
                Duration.ofSeconds(5), 3, 1000, true);
    }

    public SinkConfig withMinSeverity(Severity s) {
        return new SinkConfig(name, type, destination, s, matchers, groupBy, perMinute, secret, timeout, retries,
                queueCapacity, includeContext);
    }

    public SinkConfig withMatchers(Map<String, String> m) {
        return new SinkConfig(name, type, destination, minSeverity, m, groupBy, perMinute, secret, timeout, retries,
                queueCapacity, includeContext);
    }

    public SinkConfig withDelivery(String hmacSecret, Duration t, int r, int perMin, int queue) {
        return new SinkConfig(name, type, destination, minSeverity, matchers, groupBy, perMin, hmacSecret, t, r, queue,
                includeContext);
    }

    public SinkConfig withGroupBy(List<String> labels) {
        return new SinkConfig(name, type, destination, minSeverity, matchers, labels, perMinute, secret, timeout,
                retries, queueCapacity, includeContext);
    }

    public SinkConfig withIncludeContext(boolean include) {
        return new SinkConfig(name, type, destination, minSeverity, matchers, groupBy, perMinute, secret, timeout,
                retries, queueCapacity, include);
    }

    boolean matches(AlertState a) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            if (!m.getValue().equals(a.labels().get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
