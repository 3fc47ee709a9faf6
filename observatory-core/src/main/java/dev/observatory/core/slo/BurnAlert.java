package dev.observatory.core.slo;

import java.time.Duration;
import java.util.List;

/**
 * A multi-window, multi-burn-rate alert condition (Google SRE workbook, "Alerting on SLOs"): it holds when the burn
 * rate is at least {@code factor} over both the long and the short window.
 *
 * @param severity
 *            "page" or "ticket"
 * @param longBurn
 *            burn rate over the long window (filled in by the status)
 * @param shortBurn
 *            burn rate over the short window
 */
public record BurnAlert(String severity, double factor, Duration longWindow, Duration shortWindow, double longBurn,
        double shortBurn) {

    /** The workbook's four conditions: 14.4x 1h/5m and 6x 6h/30m page; 3x 1d/2h and 1x 3d/6h ticket. */
    public static final List<BurnAlert> WORKBOOK = List.of(
            new BurnAlert("page", 14.4, Duration.ofHours(1), Duration.ofMinutes(5), 0, 0),
            new BurnAlert("page", 6, Duration.ofHours(6), Duration.ofMinutes(30), 0, 0),
            new BurnAlert("ticket", 3, Duration.ofDays(1), Duration.ofHours(2), 0, 0),
            new BurnAlert("ticket", 1, Duration.ofDays(3), Duration.ofHours(6), 0, 0));

    /** Whether the condition holds. */
    public boolean firing() {
        return longBurn >= factor && shortBurn >= factor;
    }

    BurnAlert with(double longRate, double shortRate) {
        return new BurnAlert(severity, factor, longWindow, shortWindow, longRate, shortRate);
    }
}
