package dev.observatory.core.eval;

import java.util.List;

/**
 * An evaluation with the metrics recorded for it.
 *
 * @param results
 *            result rows over every metric
 * @param subjects
 *            the most subjects any one metric of it has
 */
public record EvalName(String name, List<String> metrics, long results, long subjects) {
}
