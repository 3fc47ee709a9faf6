package dev.observatory.core.alert;

import java.time.Instant;
import java.util.Map;

/**
 * Mutes the notifications of the alerts whose labels contain every matcher, until a time. The label {@code alertname}
 * is the rule's name; {@code fingerprint} matches one alert.
 */
public record Silence(String id, Map<String, String> matchers, Instant until, String comment, String createdBy) {

    public Silence {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException(
                    "a silence needs at least one matcher (label = value), e.g." + " alertname, service, fingerprint");
        }
        matchers = Map.copyOf(matchers);
        comment = comment == null ? "" : comment;
    }

    public boolean mutes(AlertState a, Instant now) {
        if (!now.isBefore(until)) {
            return false;
        }
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            String v = m.getKey().equals("fingerprint") ? a.fingerprint() : a.labels().get(m.getKey());
            if (!m.getValue().equals(v)) {
                return false;
            }
        }
        return true;
    }
}
