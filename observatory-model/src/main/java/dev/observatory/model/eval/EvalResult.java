package dev.observatory.model.eval;

import java.time.Instant;
import java.util.Objects;

/**
 * One evaluation result: the value of one metric of one evaluation (a named environment, benchmark or task) for one
 * subject, optionally for one episode and seed and at a training step. Stored once, never changed.
 *
 * @param id
 *            opaque id (16 lower-case hex characters)
 * @param evalName
 *            the evaluation, e.g. {@code navigation/maze_small} or {@code mmlu}
 * @param metric
 *            e.g. {@code reward} or {@code accuracy}
 * @param value
 *            a finite number
 * @param episode
 *            episode number, null when not per episode
 * @param seed
 *            random seed of the evaluation, null when not given
 * @param step
 *            training step the subject was at, null when not given
 * @param recordedAt
 *            when it was recorded, millisecond precision
 */
public record EvalResult(String id, EvalSubject subject, String evalName, String metric, double value, Long episode,
        Long seed, Long step, Instant recordedAt) {

    public EvalResult {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(evalName, "evalName");
        Objects.requireNonNull(metric, "metric");
    }
}
