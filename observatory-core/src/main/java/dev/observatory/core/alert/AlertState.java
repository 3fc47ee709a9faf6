package dev.observatory.core.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert: a series of a rule whose condition holds (pending, then firing) or held (resolved).
 *
 * @param fingerprint
 *            stable id of the rule and the series' labels
 * @param labels
 *            the rule's labels, the series' labels, {@code alertname} (the rule) and {@code severity}
 * @param activeSince
 *            when the condition started to hold
 * @param firingSince
 *            when the alert fired; null while pending
 * @param resolvedAt
 *            when the condition stopped holding after firing; null otherwise
 */
public record AlertState(String fingerprint, String rule, Map<String, String> labels, Severity severity, String state,
        double value, double threshold, Instant activeSince, Instant firingSince, Instant resolvedAt,
        Map<String, Object> context, String description) {
    public static final String PENDING = "pending";
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public AlertState {
        labels = Map.copyOf(labels);
        context = context == null ? Map.of() : Map.copyOf(context);
        description = description == null ? "" : description;
    }

    AlertState with(String newState, double newValue, Instant firing, Instant resolved) {
        return new AlertState(fingerprint, rule, labels, severity, newState, newValue, threshold, activeSince, firing,
                resolved, context, description);
    }

    AlertState withValue(double newValue, Map<String, Object> newContext) {
        return new AlertState(fingerprint, rule, labels, severity, state, newValue, threshold, activeSince, firingSince,
                resolvedAt, newContext, description);
    }
}
