package dev.observatory.model.job;

import java.util.Set;

/**
 * Filters of a job listing, newest first (by creation time, then id).
 *
 * @param statuses
 *            only these statuses; empty: all
 */
public record JobQuery(String project, String runId, Set<JobStatus> statuses, int limit, long offset) {

    public JobQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
    }

    public static JobQuery all(int limit) {
        return new JobQuery(null, null, Set.of(), limit, 0);
    }

    public static JobQuery withStatus(JobStatus status, int limit) {
        return new JobQuery(null, null, Set.of(status), limit, 0);
    }
}
