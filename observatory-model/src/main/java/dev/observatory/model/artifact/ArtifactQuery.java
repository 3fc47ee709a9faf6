package dev.observatory.model.artifact;

/**
 * Which artifacts to list and in which order. Every filter is optional (null: any). Ties of the sort key are broken by
 * run id, then path, so pages are stable.
 *
 * @param pathPrefix
 *            only paths starting with this text
 * @param minStep
 *            only artifacts with a step &gt;= this (artifacts without a step are then left out)
 * @param maxStep
 *            only artifacts with a step &lt;= this
 * @param limit
 *            most artifacts to return (&gt;= 1)
 * @param offset
 *            artifacts to skip (&gt;= 0)
 */
public record ArtifactQuery(String runId, String project, ArtifactKind kind, String pathPrefix, Long minStep,
        Long maxStep, Sort sort, boolean descending, int limit, long offset) {

    /** Sort keys; artifacts without a step sort after those with one (STEP). */
    public enum Sort {
        PATH, STEP, CREATED, SIZE
    }

    public ArtifactQuery {
        sort = sort == null ? Sort.PATH : sort;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** The checkpoints of a run by step, oldest first. */
    public static ArtifactQuery checkpoints(String runId, int limit) {
        return new ArtifactQuery(runId, null, ArtifactKind.CHECKPOINT, null, null, null, Sort.STEP, false, limit, 0);
    }

    /** Every artifact of a run by path. */
    public static ArtifactQuery ofRun(String runId, int limit) {
        return new ArtifactQuery(runId, null, null, null, null, null, Sort.PATH, false, limit, 0);
    }

    public ArtifactQuery page(int newLimit, long newOffset) {
        return new ArtifactQuery(runId, project, kind, pathPrefix, minStep, maxStep, sort, descending, newLimit,
                newOffset);
    }
}
