package dev.observatory.core.alert;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An alert rule: a signal (with its parameters) compared with a threshold; when the comparison holds for
 * {@code forDuration} the alert fires.
 *
 * @param signal
 *            the {@link AlertSignal} kind: trace_metric, slo_burn, run_metric, or one plugged in
 * @param params
 *            the signal's parameters (e.g. metric, service, window)
 * @param above
 *            true: fires when the value is above the threshold; false: below
 * @param forDuration
 *            how long the condition must hold before pending becomes firing (0: at once)
 */
public record AlertRule(String name, String signal, Map<String, String> params, boolean above, double threshold,
        Duration forDuration, Severity severity, Map<String, String> labels, String description) {

    public AlertRule {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(
                    "rule name '" + name + "' is invalid: use 1-64 lowercase letters, digits, '_', '.' or '-'");
        }
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(severity, "severity");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number");
        }
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        if (forDuration.isNegative() || forDuration.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("for must be between 0 and 7 days, got " + forDuration);
        }
        params = params == null ? Map.of() : Map.copyOf(params);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        description = description == null ? "" : description;
    }

    /** Whether the value meets the condition. */
    public boolean holds(double value) {
        return above ? value > threshold : value < threshold;
    }
}
