package dev.observatory.core.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How jobs run on this server.
 *
 * @param roots
 *            working directories must lie under one of these (checked after resolving links)
 * @param logDir
 *            where job logs are written ({@code <id>.log}, rotated)
 * @param maxConcurrent
 *            jobs running at once; more wait as pending
 * @param grace
 *            time between SIGTERM and SIGKILL when a job is stopped
 * @param logMaxBytes
 *            size at which a job log rotates
 * @param logFiles
 *            rotated files kept per job
 * @param sampleEvery
 *            resource sampling period (CPU, RSS, I/O, GPU)
 * @param tick
 *            how often stall guardrails, metric flushes and stop escalations are checked
 * @param checkpoints
 *            which files of a job's working directory are registered as checkpoints of its run, and how often it is
 *            scanned (null: {@link CheckpointScan#defaults()})
 */
public record JobSettings(List<Path> roots, Path logDir, int maxConcurrent, Duration grace, long logMaxBytes,
        int logFiles, Duration sampleEvery, Duration tick, PriceTable prices, CheckpointScan checkpoints) {

    public JobSettings {
        roots = List.copyOf(roots);
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("job_max_concurrent must be at least 1, got " + maxConcurrent);
        }
        if (logMaxBytes < 1024 || logFiles < 0) {
            throw new IllegalArgumentException("job logs need at least 1024 bytes per file and 0 or more rotations");
        }
        prices = prices == null ? PriceTable.defaults() : prices;
        checkpoints = checkpoints == null ? CheckpointScan.defaults() : checkpoints;
    }

    /** Settings with the default checkpoint patterns. */
    public JobSettings(List<Path> roots, Path logDir, int maxConcurrent, Duration grace, long logMaxBytes, int logFiles,
            Duration sampleEvery, Duration tick, PriceTable prices) {
        this(roots, logDir, maxConcurrent, grace, logMaxBytes, logFiles, sampleEvery, tick, prices, null);
    }

    /** A copy with other checkpoint patterns or scan period. */
    public JobSettings withCheckpoints(CheckpointScan scan) {
        return new JobSettings(roots, logDir, maxConcurrent, grace, logMaxBytes, logFiles, sampleEvery, tick, prices,
                scan);
    }

    /**
     * Defaults under a data directory: the only root is {@code <dataDir>/jobs}, logs in {@code <dataDir>/job-logs}, 4
     * concurrent jobs, 30 s grace, 64 MiB x 3 log files, resources every 10 s, default checkpoint patterns.
     */
    public static JobSettings defaults(Path dataDir) {
        return new JobSettings(List.of(dataDir.resolve("jobs")), dataDir.resolve("job-logs"), 4, Duration.ofSeconds(30),
                64L << 20, 3, Duration.ofSeconds(10), Duration.ofMillis(250), PriceTable.defaults());
    }

    /** A copy with other roots. */
    public JobSettings withRoots(List<Path> newRoots) {
        return new JobSettings(newRoots, logDir, maxConcurrent, grace, logMaxBytes, logFiles, sampleEvery, tick, prices,
                checkpoints);
    }

    /** A copy with another grace period and sampling period (tests keep them short). */
    public JobSettings withTimings(Duration newGrace, Duration newSampleEvery) {
        return new JobSettings(roots, logDir, maxConcurrent, newGrace, logMaxBytes, logFiles, newSampleEvery, tick,
                prices, checkpoints);
    }

    /** The working directory, resolved, when it lies under a root; IllegalArgumentException otherwise. */
    public Path checkWorkingDir(String dir) {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("working_dir is required: an absolute directory under " + roots);
        }
        Path p = Path.of(dir);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("working_dir must be absolute, got " + dir);
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("working_dir " + dir + " is not a directory");
        }
        try {
            Path real = p.toRealPath();
            for (Path root : roots) {
                if (Files.isDirectory(root) && real.startsWith(root.toRealPath())) {
                    return real;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("working_dir " + dir + " is outside the job roots " + roots
                + ": use a directory under one of them, or add its parent to job_roots");
    }
}
