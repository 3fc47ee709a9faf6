package dev.observatory.core.alert;

import java.util.Locale;

/** How urgent an alert is, least to most. */
public enum Severity {
    INFO, WARNING, ERROR, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses info, warning, error, critical (also "page" = critical, "ticket" = warning). */
    public static Severity parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "page" -> CRITICAL;
            case "ticket" -> WARNING;
            case "info", "warning", "error", "critical" -> valueOf(t.toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException(
                    "unknown severity '" + s + "': use info, warning, error or critical");
        };
    }
}
