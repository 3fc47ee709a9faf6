package dev.observatory.core.slo;

import java.time.Instant;
import java.util.List;

/** Compliance of an SLO over a period with one point per step (the data of a budget burn-down chart). */
public record SloReport(SloStatus period, List<Point> points) {

    /**
     * One step.
     *
     * @param goodPercent
     *            share of good events in the step (100 without events)
     * @param budgetRemaining
     *            share of the period's error budget left at the end of the step
     */
    public record Point(Instant from, Instant to, long events, double goodPercent, double budgetRemaining) {
    }
}
