package dev.observatory.model.trace;

import java.util.List;

/**
 * Token and cost usage of model and tool calls (spans with a model, a tool name, token counts or a cost) starting in
 * [fromNanos, toNanos), grouped.
 *
 * @param groupBy
 *            dimensions of a row, in order (may be empty: one total row per bucket)
 * @param bucketNanos
 *            width of time buckets (aligned to the epoch), 0 for no time buckets
 * @param service
 *            only spans of this service; null for any
 * @param model
 *            only spans of this model; null for any
 */
public record UsageQuery(long fromNanos, long toNanos, List<Dimension> groupBy, long bucketNanos, String service,
        String model) {

    /** What usage rows are grouped by. */
    public enum Dimension {
        MODEL, PROVIDER, SERVICE, TOOL, USER, OPERATION
    }

    public UsageQuery {
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        if (bucketNanos < 0) {
            throw new IllegalArgumentException("bucket must not be negative");
        }
    }
}
