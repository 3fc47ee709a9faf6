package dev.observatory.model.trace;

/**
 * Which calls to count into {@link CallStats}: those starting in [fromNanos, toNanos), of a service (null for any),
 * grouped by service or by model.
 *
 * @param lowConfidenceBelow
 *            confidence below which a call without its own gate threshold counts as low confidence
 * @param promptDiffAbove
 *            prompt-diff score above which a call counts as a violation
 */
public record StatsQuery(long fromNanos, long toNanos, String service, GroupBy groupBy, double lowConfidenceBelow,
        double promptDiffAbove) {

    /** Grouping of the stats rows. */
    public enum GroupBy {
        SERVICE, MODEL
    }

    public StatsQuery {
        groupBy = groupBy == null ? GroupBy.SERVICE : groupBy;
    }
}
