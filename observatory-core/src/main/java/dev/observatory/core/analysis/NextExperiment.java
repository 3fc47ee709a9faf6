package dev.observatory.core.analysis;

import java.util.List;

/**
 * The one change to try next.
 *
 * @param recommendationType
 *            tune_learning_rate, add_warmup, reduce_batch, regularise, more_data, longer_training, stop_earlier or
 *            keep_configuration
 * @param parameter
 *            dotted path of the run param to change (as found in the run's params), null when none applies
 * @param current
 *            its current value (number, string or null when the run does not record it)
 * @param proposed
 *            the proposed value (null when there is nothing to change)
 * @param rationale
 *            why, in one or two sentences
 * @param evidence
 *            the measurements the rationale rests on
 * @param riskLevel
 *            low, medium or high: how likely the change makes things worse
 * @param expectedEffect
 *            what should improve
 */
public record NextExperiment(String runId, String recommendationType, String parameter, Object current, Object proposed,
        String rationale, List<Evidence> evidence, String riskLevel, String expectedEffect) {
}
