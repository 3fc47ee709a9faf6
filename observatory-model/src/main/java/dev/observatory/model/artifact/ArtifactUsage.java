package dev.observatory.model.artifact;

import java.time.Instant;

/**
 * Count, bytes and ranges of a group of artifacts.
 *
 * @param group
 *            the group's key: a project name, run id, kind wire name or UTC day ({@code 2025-03-01}); null for the
 *            total
 * @param minStep
 *            null when no artifact of the group has a step (likewise the other ranges)
 */
public record ArtifactUsage(String group, long count, long bytes, Long minStep, Long maxStep, Long minEpoch,
        Long maxEpoch, Instant firstCreated, Instant lastCreated) {

    /** How {@code usage} groups artifacts. */
    public enum GroupBy {
        NONE, PROJECT, RUN, KIND, DAY
    }
}
