package dev.observatory.core.dataset;

import java.util.List;

/**
 * A recommended training plan; every number comes with the reasoning that produced it.
 *
 * @param fits
 *            whether the estimated memory of one micro-batch fits the GPU
 * @param items
 *            the recommendations: micro_batch_size, gradient_accumulation_steps, effective_batch_size, learning_rate
 *            (with its range), epochs, max_steps, warmup_steps, checkpoint_every_steps, keep_last
 * @param warnings
 *            what to watch (does not fit, tiny dataset, ...)
 */
public record TrainingPlan(String method, boolean fits, double estimatedMemoryGb, int microBatchSize,
        int gradientAccumulationSteps, int effectiveBatchSize, double learningRateMin, double learningRateMax,
        double learningRate, int epochs, long maxSteps, long warmupSteps, long checkpointEverySteps, int keepLast,
        List<Item> items, List<String> warnings) {

    /** One recommended value and why. */
    public record Item(String name, Object value, String reasoning) {
    }
}
