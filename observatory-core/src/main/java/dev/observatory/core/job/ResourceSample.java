package dev.observatory.core.job;

import dev.observatory.model.MetricColumns;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The sample as {@code sys/*} metrics at a step: rss_mb, processes, cpu_percent, io_read_mb, io_write_mb and per
     * GPU gpuN_util_percent and gpuN_memory_mb (those that were measured).
     */
    public static Map<String, MetricColumns> asMetrics(ResourceSample s, long step) {
        Map<String, MetricColumns> m = new LinkedHashMap<>();
        long t = s.at().toEpochMilli();
        put(m, "sys/rss_mb", step, s.rssBytes() / 1048576.0, t);
        put(m, "sys/processes", step, s.processes(), t);
        if (s.cpuPercent() != null) {
            put(m, "sys/cpu_percent", step, s.cpuPercent(), t);
        }
        if (s.readBytes() != null) {
            put(m, "sys/io_read_mb", step, s.readBytes() / 1048576.0, t);
            put(m, "sys/io_write_mb", step, s.writeBytes() / 1048576.0, t);
        }
        if (s.gpus() != null) {
            for (GpuSample g : s.gpus()) {
                put(m, "sys/gpu" + g.index() + "_util_percent", step, g.utilizationPercent(), t);
                put(m, "sys/gpu" + g.index() + "_memory_mb", step, g.memoryUsedMb(), t);
            }
        }
        return m;
    }

    private static void put(Map<String, MetricColumns> m, String key, long step, double value, long t) {
        m.put(key, new MetricColumns(new long[] { step }, new double[] { value }, new long[] { t }));
    }
}
