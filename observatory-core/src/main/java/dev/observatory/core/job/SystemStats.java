package dev.observatory.core.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine jobs run on: CPU count and load, memory, free disk under the job roots, GPUs (null when nvidia-smi is
 * absent), and the runner's running and queued jobs.
 *
 * @param memoryAvailableBytes
 *            MemAvailable from /proc/meminfo; -1 when unknown
 */
public record SystemStats(int cpus, double load1, double load5, double load15, long memoryTotalBytes,
        long memoryAvailableBytes, long diskFreeBytes, long diskTotalBytes, List<ResourceSample.GpuSample> gpus,
        boolean ownProcessGroups, int runningJobs, int queuedJobs, int maxConcurrentJobs) {

    public static SystemStats sample(JobRunner runner) {
        double[] load = loadAverages();
        long[] mem = memory();
        Path disk = runner.settings().logDir();
        long free = -1;
        long total = -1;
        try {
            Path existing = disk;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                var store = Files.getFileStore(existing);
                free = store.getUsableSpace();
                total = store.getTotalSpace();
            }
        } catch (IOException e) {
            // unknown
        }
        return new SystemStats(Runtime.getRuntime().availableProcessors(), load[0], load[1], load[2], mem[0], mem[1],
                free, total, ResourceSampler.gpus(), LocalProcessExecutor.ownProcessGroups(), runner.running(),
                runner.queued(), runner.settings().maxConcurrent());
    }

    private static double[] loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]) };
        } catch (IOException | RuntimeException e) {
            return new double[] { -1, -1, -1 };
        }
    }

    private static long[] memory() {
        long total = -1;
        long available = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kb(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return new long[] { total, available };
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
