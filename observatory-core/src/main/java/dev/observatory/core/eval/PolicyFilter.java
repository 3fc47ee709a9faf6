package dev.observatory.core.eval;

import dev.observatory.model.eval.EvalSubjectKind;
import java.util.List;

/**
 * Which policies to search. Every filter is optional (null or empty: any).
 *
 * @param nameContains
 *            text the policy name contains (case-insensitive)
 * @param type
 *            checkpoint or model_version
 * @param tags
 *            every tag must be present (a run tag, or a version tag as {@code key} or {@code key=value})
 * @param user
 *            the run's user or who registered the version (exact)
 * @param evaluatedOnly
 *            only policies with at least one evaluation result
 */
public record PolicyFilter(String nameContains, EvalSubjectKind type, List<String> tags, String user, String project,
        boolean evaluatedOnly) {

    public PolicyFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (type == EvalSubjectKind.RUN) {
            throw new IllegalArgumentException("a policy is a checkpoint or a model_version, not a run");
        }
    }

    /** Every policy. */
    public static PolicyFilter any() {
        return new PolicyFilter(null, null, null, null, null, false);
    }
}
