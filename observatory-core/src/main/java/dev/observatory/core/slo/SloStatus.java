package dev.observatory.core.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where an SLO stands over its window.
 *
 * @param value
 *            the SLI now: availability and error rate in percent, latency as the estimated percentile in ms (null
 *            without events)
 * @param compliancePercent
 *            share of good events over the window (100 without events)
 * @param meeting
 *            whether the compliance is at least the target
 * @param budgetRemaining
 *            share of the error budget left (1 = untouched, 0 = used up, negative = overspent)
 * @param burnRates
 *            burn rate over 1h, 6h, 24h and 3d
 * @param alerts
 *            the multi-window burn-rate conditions with their burn rates and whether they hold
 */
public record SloStatus(SloDefinition slo, Instant from, Instant to, long events, double badEvents, Double value,
        double compliancePercent, boolean meeting, double budgetRemaining, double allowedBadEvents,
        Map<String, Double> burnRates, List<BurnAlert> alerts) {

    /** The most severe firing condition: "page", "ticket" or null. */
    public String firingSeverity() {
        if (alerts.stream().anyMatch(a -> a.firing() && a.severity().equals("page"))) {
            return "page";
        }
        return alerts.stream().anyMatch(BurnAlert::firing) ? "ticket" : null;
    }
}
