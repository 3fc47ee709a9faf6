package dev.observatory.model.eval;

/**
 * The results of one (subject, evaluation, metric) combined over episodes and seeds.
 *
 * @param count
 *            result rows
 * @param last
 *            the value recorded last (latest recording time, then greatest id)
 */
public record EvalAggregate(EvalSubject subject, String evalName, String metric, long count, double mean, double min,
        double max, double last) {
}
