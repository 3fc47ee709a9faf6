package dev.observatory.core.eval;

import dev.observatory.model.eval.EvalSubject;

/**
 * One evaluation result as a client sends it; {@link Evals#record} checks it, gives it an id and the recording time.
 *
 * @param episode
 *            episode number (&gt;= 0), null when not per episode
 * @param seed
 *            random seed, null when not given
 * @param step
 *            training step of the subject (&gt;= 0), null when not given
 */
public record EvalInput(EvalSubject subject, String evalName, String metric, double value, Long episode, Long seed,
        Long step) {
}
