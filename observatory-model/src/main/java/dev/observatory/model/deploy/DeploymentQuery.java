package dev.observatory.model.deploy;

import java.util.Set;

/**
 * Filters of a deployment listing, newest first (creation time, then id).
 *
 * @param model
 *            null for every model
 * @param statuses
 *            only these statuses; empty: all
 */
public record DeploymentQuery(String model, Set<DeploymentStatus> statuses, int limit, long offset) {

    public DeploymentQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
    }

    public static DeploymentQuery all(int limit) {
        return new DeploymentQuery(null, Set.of(), limit, 0);
    }

    /** Deployments whose process may be running (starting, healthy, unhealthy). */
    public static DeploymentQuery active(int limit) {
        return new DeploymentQuery(null,
                Set.of(DeploymentStatus.STARTING, DeploymentStatus.HEALTHY, DeploymentStatus.UNHEALTHY), limit, 0);
    }
}
