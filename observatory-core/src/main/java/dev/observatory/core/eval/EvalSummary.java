package dev.observatory.core.eval;

/**
 * The results of one (evaluation, metric) of one subject, over its episodes and seeds.
 *
 * @param last
 *            the most recently recorded value
 */
public record EvalSummary(String evalName, String metric, long count, double mean, double min, double max,
        double last) {
}
