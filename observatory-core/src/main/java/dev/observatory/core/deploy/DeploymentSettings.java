package dev.observatory.core.deploy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How deployments run on this server.
 *
 * @param workDir
 *            each process deployment runs in {@code <workDir>/<id>}
 * @param logDir
 *            where deployment logs are written ({@code <id>.log}, rotated)
 * @param healthTimeout
 *            how long a starting deployment may take to answer its health URL with 2xx before it is marked unhealthy
 * @param healthInterval
 *            time between health probes while it starts
 * @param grace
 *            time between SIGTERM and SIGKILL when a deployment is stopped
 * @param logMaxBytes
 *            size at which a deployment log rotates
 * @param logFiles
 *            rotated files kept per deployment
 */
public record DeploymentSettings(Path workDir, Path logDir, Duration healthTimeout, Duration healthInterval,
        Duration grace, long logMaxBytes, int logFiles) {

    public DeploymentSettings {
        if (healthTimeout.isNegative() || healthTimeout.isZero() || healthInterval.isNegative()
                || healthInterval.isZero()) {
            throw new IllegalArgumentException("deployment health timeout and interval must be positive");
        }
        if (logMaxBytes < 1024 || logFiles < 0) {
            throw new IllegalArgumentException(
                    "deployment logs need at least 1024 bytes per file and 0 or more" + " rotations");
        }
    }

    /**
     * Defaults under a data directory: processes in {@code <dataDir>/deployments}, logs in
     * {@code <dataDir>/deployment-logs} (16 MiB x 2), 300 s to turn healthy, probes every 250 ms, 10 s grace.
     */
    public static DeploymentSettings defaults(Path dataDir) {
        return new DeploymentSettings(dataDir.resolve("deployments"), dataDir.resolve("deployment-logs"),
                Duration.ofSeconds(300), Duration.ofMillis(250), Duration.ofSeconds(10), 16L << 20, 2);
    }

    /** A copy with other timings (tests keep them short). */
    public DeploymentSettings withTimings(Duration newHealthTimeout, Duration newHealthInterval, Duration newGrace) {
        return new DeploymentSettings(workDir, logDir, newHealthTimeout, newHealthInterval, newGrace, logMaxBytes,
                logFiles);
    }
}
