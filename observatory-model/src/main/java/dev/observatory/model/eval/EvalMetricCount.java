package dev.observatory.model.eval;

/**
 * How many results one (evaluation, metric) pair has.
 *
 * @param results
 *            result rows
 * @param subjects
 *            distinct subjects with at least one result
 */
public record EvalMetricCount(String evalName, String metric, long results, long subjects) {
}
