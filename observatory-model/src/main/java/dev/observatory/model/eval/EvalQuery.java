package dev.observatory.model.eval;

import java.util.List;

/**
 * Which evaluation results to read. Every filter is optional (null or empty: any). Results are ordered by subject kind,
 * subject id, eval name, metric, recording time and id (text by code point).
 *
 * @param subjects
 *            only results of these subjects
 * @param evalNames
 *            only these evaluations
 * @param metric
 *            only this metric
 * @param limit
 *            most rows to return (&gt;= 1)
 * @param offset
 *            rows to skip (&gt;= 0)
 */
public record EvalQuery(List<EvalSubject> subjects, List<String> evalNames, String metric, int limit, long offset) {

    public EvalQuery {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        evalNames = evalNames == null ? List.of() : List.copyOf(evalNames);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Every result of these subjects (any eval, any metric), up to limit. */
    public static EvalQuery of(List<EvalSubject> subjects, int limit) {
        return new EvalQuery(subjects, null, null, limit, 0);
    }

    public EvalQuery page(int newLimit, long newOffset) {
        return new EvalQuery(subjects, evalNames, metric, newLimit, newOffset);
    }
}
