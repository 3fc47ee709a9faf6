package dev.observatory.model.deploy;

import java.util.Set;

/**
 * Filters of a build listing, newest first (creation time, then id).
 *
 * @param name
 *            null for every name
 * @param statuses
 *            only these statuses; empty: all
 */
public record BuildQuery(String name, Set<BuildStatus> statuses, int limit, long offset) {

    public BuildQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
    }

    public static BuildQuery all(int limit) {
        return new BuildQuery(null, Set.of(), limit, 0);
    }
}
