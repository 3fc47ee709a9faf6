package dev.observatory.core.artifact;

import dev.observatory.model.artifact.Artifact;

/**
 * The answer of {@link Checkpoints#best}: the chosen checkpoint, its metric value when chosen by a metric, and how many
 * checkpoints were considered.
 *
 * @param metric
 *            null unless the criterion is METRIC
 * @param considered
 *            checkpoints compared (for METRIC: those with a finite value at or before their step)
 */
public record BestCheckpoint(Artifact checkpoint, CheckpointMetric metric, long considered) {

    /** How the best checkpoint is chosen. */
    public enum Criterion {
        LATEST, EARLIEST, LARGEST, SMALLEST, METRIC
    }
}
