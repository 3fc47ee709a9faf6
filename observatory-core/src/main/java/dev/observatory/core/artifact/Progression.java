package dev.observatory.core.artifact;

import dev.observatory.model.artifact.Artifact;
import java.util.List;
import java.util.Map;

/**
 * How a run's checkpoints evolved: sizes, cadence (steps and time between consecutive checkpoints) and metric values at
 * each checkpoint.
 *
 * @param checkpoints
 *            in step order (at most the limit asked for; {@code count} is the total)
 * @param medianStepInterval
 *            median steps between consecutive checkpoints with steps; null with fewer than two
 * @param medianSecondsInterval
 *            median seconds between consecutive recordings; null with fewer than two
 * @param gaps
 *            checkpoints whose step interval is more than twice the median (missed saves)
 * @param metrics
 *            metric key to its value at each listed checkpoint (same order; null where none)
 */
public record Progression(String runId, long count, long totalBytes, List<Artifact> checkpoints,
        Long medianStepInterval, Double medianSecondsInterval, List<Artifact> gaps,
        Map<String, List<CheckpointMetric>> metrics) {
}
