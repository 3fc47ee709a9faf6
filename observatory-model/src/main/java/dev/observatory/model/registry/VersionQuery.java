package dev.observatory.model.registry;

import java.util.Map;
import java.util.Set;

/**
 * Which model versions to list. Results are ordered by model name, then version number descending (newest first).
 *
 * @param model
 *            condition on the model name; null for any model
 * @param runId
 *            only versions produced by this run; null for any
 * @param stages
 *            only versions in one of these stages; empty for any
 * @param tags
 *            every tag must be present with exactly this value
 * @param limit
 *            most versions to return (>= 1)
 * @param offset
 *            versions to skip (>= 0)
 */
public record VersionQuery(NameFilter model, String runId, Set<Stage> stages, Map<String, String> tags, int limit,
        long offset) {

    public VersionQuery {
        stages = stages == null ? Set.of() : Set.copyOf(stages);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** The versions of one model, newest first. */
    public static VersionQuery of(String model, int limit) {
        return new VersionQuery(NameFilter.equalTo(model), null, Set.of(), Map.of(), limit, 0);
    }

    public VersionQuery page(int newLimit, long newOffset) {
        return new VersionQuery(model, runId, stages, tags, newLimit, newOffset);
    }
}
