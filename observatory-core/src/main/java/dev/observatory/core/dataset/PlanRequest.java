package dev.observatory.core.dataset;

/**
 * What a training plan is recommended from.
 *
 * @param method
 *            lora, full or classifier (the template names lora-finetune and full-finetune are accepted too)
 * @param examples
 *            training examples (images, rows)
 * @param modelParameters
 *            parameters of the model trained (the base model for LoRA)
 * @param gpuMemoryGb
 *            memory of one GPU in GB
 * @param tokensPerExample
 *            sequence length for text; for images about (resolution / 16)^2 (null: 1024)
 * @param gpus
 *            data-parallel GPUs (null: 1)
 */
public record PlanRequest(String method, long examples, long modelParameters, double gpuMemoryGb,
        Integer tokensPerExample, Integer gpus) {
}
