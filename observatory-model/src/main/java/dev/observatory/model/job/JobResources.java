package dev.observatory.model.job;

/**
 * Resources a job asks for, used for cost estimates (and by future cluster executors for placement).
 *
 * @param gpus
 *            number of GPUs, {@code >= 0}
 * @param gpuType
 *            GPU model as named in the price table (e.g. {@code "h100"}); null without GPUs
 * @param cpus
 *            CPU cores, {@code >= 0}
 * @param memoryGb
 *            memory in GB, {@code >= 0}
 */
public record JobResources(int gpus, String gpuType, double cpus, double memoryGb) {

    public JobResources {
        if (gpus < 0 || cpus < 0 || memoryGb < 0 || Double.isNaN(cpus) || Double.isNaN(memoryGb)) {
            throw new IllegalArgumentException(
                    "resources must not be negative: gpus=" + gpus + ", cpus=" + cpus + ", memory_gb=" + memoryGb);
        }
    }

    /** One CPU core, no GPU, 1 GB. */
    public static JobResources minimal() {
        return new JobResources(0, null, 1, 1);
    }
}
