package dev.observatory.model.trace;

import java.util.List;

/**
 * Usage of one group (and time bucket).
 *
 * @param keys
 *            values of the query's dimensions, in its order (null where the spans have none)
 * @param bucketStartNanos
 *            start of the time bucket; null without buckets
 * @param calls
 *            spans counted
 * @param costUsd
 *            sum of the known costs
 * @param callsWithoutCost
 *            calls whose cost is unknown (unknown model, no token counts): the sum leaves them out
 * @param estimatedCalls
 *            calls whose token counts were estimated
 */
public record UsageRow(List<String> keys, Long bucketStartNanos, long calls, long inputTokens, long outputTokens,
        double costUsd, long callsWithoutCost, long estimatedCalls, long errors) {

    public UsageRow {
        keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
    }
}
