package dev.observatory.core.artifact;

/**
 * A metric's value at a checkpoint: the point logged at the checkpoint's step, or the last one before it.
 *
 * @param step
 *            step of the point used
 * @param exact
 *            whether that point is at the checkpoint's step itself
 */
public record CheckpointMetric(String key, double value, long step, boolean exact) {
}
