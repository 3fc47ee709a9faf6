package dev.observatory.core.slo;

import java.util.Locale;

/** What an SLO promises about the selected spans. */
public enum SloKind {
    /** The share of spans that did not fail is at least the target. */
    AVAILABILITY,
    /** The share of spans at most the threshold is at least the percentile (P95 under 2 s: 95% within 2 s). */
    LATENCY,
    /** The share of failed spans is at most 100% minus the target. */
    ERROR_RATE;

    /** The wire name: availability, latency, error_rate. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SloKind parse(String s) {
        for (SloKind k : values()) {
            if (k.wire().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown SLO type '" + s + "': use availability, latency or error_rate");
    }
}
