package dev.observatory.core.deploy;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.core.job.JobProcess;
import dev.observatory.core.job.LocalProcessExecutor;
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildQuery;
import dev.observatory.model.deploy.BuildStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancel and restart recovery of builds. A running build's pid and process start time are kept next to its log
 * ({@code <id>.pid}); when a server starts, a build recorded as running is re-attached when that process still runs
 * (its output went to the previous server, so its end is recorded as lost with an unknown exit code, or cancelled after
 * a cancel) and marked lost ("interrupted") otherwise, so no build stays running forever.
 */
final class BuildRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(BuildRecovery.class);
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private BuildRecovery() {
    }

    static Path pidFile(Build b) {
        String log = b.logPath();
        return Path.of(log.endsWith(".log") ? log.substring(0, log.length() - 4) + ".pid" : log + ".pid");
    }

    static void writePidFile(Build b, JobProcess p) {
        try {
            Files.writeString(pidFile(b), p.pid() + "\n" + (p.startedAt() == null ? "" : p.startedAt()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("build {}: its pid file was not written ({}); a restart marks it lost", b.id(), e.toString());
        }
    }

    static void deletePidFile(Build b) {
        try {
            Files.deleteIfExists(pidFile(b));
        } catch (IOException e) {
            LOG.debug("build {}: pid file not deleted: {}", b.id(), e.toString());
        }
    }

    /** The process recorded in the build's pid file, when it still runs with the recorded start time. */
    static Optional<JobProcess> stillRunning(Build b) {
        try {
            List<String> lines = Files.readAllLines(pidFile(b), StandardCharsets.UTF_8);
            if (lines.size() < 2 || lines.get(1).isBlank()) {
                return Optional.empty();
            }
            return new LocalProcessExecutor().reattach(Long.parseLong(lines.get(0).trim()),
                    Instant.parse(lines.get(1).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Re-attaches or marks lost every build recorded as running that no process of this server follows. */
    static void recover(Tracking tracking) {
        Instant now = tracking.clock().instant();
        List<Build> running = tracking.store().builds()
                .list(new BuildQuery(null, Set.of(BuildStatus.RUNNING), 10_000, 0));
        for (Build b : running) {
            if (BuildLauncher.RUNNING.containsKey(b.id())) {
                continue;
            }
            Optional<JobProcess> p = stillRunning(b);
            if (p.isPresent()) {
                CompletableFuture<Build> done = new CompletableFuture<>();
                BuildLauncher.RUNNING.put(b.id(), done);
                BuildLauncher.PROCESSES.put(b.id(), p.get());
                p.get().exit().thenAccept(code -> endReattached(tracking, b, done));
                tracking.auditor().record(DeploymentRunner.ACTOR, "build.reattached", "build/" + b.id(),
                        "pid " + p.get().pid());
            } else {
                deletePidFile(b);
                boolean engineBuild = !b.argv().isEmpty() && b.argv().get(0).equals(EngineBuild.ARGV0);
                tracking.store().builds().update(b.finished(BuildStatus.LOST, null, engineBuild
                        ? "interrupted: the server restarted while the Docker engine built it; the engine cancels a"
                                + " build whose connection drops"
                        : "interrupted: the server restarted while the build ran and its process is gone", null, now));
                tracking.auditor().record(DeploymentRunner.ACTOR, "build.interrupted", "build/" + b.id(),
                        "process gone after a restart");
            }
        }
    }

    private static void endReattached(Tracking tracking, Build b, CompletableFuture<Build> done) {
        Build out = b;
        try {
            String canceller = BuildLauncher.CANCELS.get(b.id());
            Build end = canceller != null
                    ? b.finished(BuildStatus.CANCELLED, null,
                            "cancelled by " + canceller + " (re-attached after a restart; exit code unknown)", null,
                            tracking.clock().instant())
                    : b.finished(BuildStatus.LOST, null, "interrupted: re-attached after a restart, the process ended"
                            + " with an exit code this server cannot know (its output went to the previous server)",
                            null, tracking.clock().instant());
            out = tracking.store().builds().update(end);
        } catch (RuntimeException e) {
            LOG.warn("build {}: its end was not recorded: {}", b.id(), e.toString());
        }
        BuildLauncher.ended(b, out, done);
    }

    /**
     * Cancels a running build: SIGTERM to its process group, SIGKILL after {@code grace}; returns it as recorded then.
     * Empty when no process of it runs here.
     */
    static Optional<Build> cancel(Tracking tracking, Actor actor, String id, Duration grace)
            throws InterruptedException {
        JobProcess p = BuildLauncher.PROCESSES.get(id);
        CompletableFuture<Build> done = BuildLauncher.RUNNING.get(id);
        if (p == null || done == null) {
            return Optional.empty();
        }
        BuildLauncher.CANCELS.put(id, actor.name());
        LOG.info("build {}: cancelling (asked by {})", id, actor.name());
        p.signal("TERM");
        try {
            return Optional.of(done.get(grace.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            p.signal("KILL");
        } catch (ExecutionException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(done.get(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
    }
}
