package dev.observatory.core.job;

import java.time.Instant;
import java.util.List;

/**
 * Resources used by a job's process group at one moment.
 *
 * @param cpuPercent
 *            CPU use since the previous sample, percent of one core (200 = two cores busy); null on the first sample
 * @param rssBytes
 *            resident memory of all processes in the group
 * @param readBytes
 *            bytes read from storage so far (/proc/pid/io), null when not readable
 * @param gpus
 *            per-GPU use from nvidia-smi; null when nvidia-smi is absent (not the same as idle GPUs)
 */
public record ResourceSample(Instant at, int processes, Double cpuPercent, long rssBytes, Long readBytes,
        Long writeBytes, List<GpuSample> gpus) {

    /** One GPU as nvidia-smi reports it. */
    public record GpuSample(int index, String name, double utilizationPercent, double memoryUsedMb,
            double memoryTotalMb) {
    }
}
