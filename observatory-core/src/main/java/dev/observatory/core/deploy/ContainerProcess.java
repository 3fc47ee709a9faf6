package dev.observatory.core.deploy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.observatory.core.job.JobProcess;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployment's container seen as a {@link JobProcess}, so the runner treats it like a child process: its output is
 * the engine's followed log stream ({@code GET /containers/{id}/logs?follow=true}, multiplexed frames demultiplexed by
 * docker-java), its exit completes when that stream ends and {@code inspect} says the container no longer runs (the
 * container is then removed, its log is already in the deployment's log file), TERM is the engine's stop with the grace
 * period (SIGTERM, SIGKILL after it) and KILL the engine's kill. A stream that breaks while the container still runs is
 * followed again (from that second on); an engine that stops answering ends it with {@link #lostReason()}.
 */
final class ContainerProcess implements JobProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerProcess.class);
    private static final int MAX_REFOLLOWS = 5;

    private final DockerEngine engine;
    private final String containerId;
    private final String name;
    private final Instant startedAt;
    private final Duration grace;
    private final LineQueueStream output = new LineQueueStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile Closeable follow;
    private volatile boolean detached;
    private volatile String lostReason;
    private volatile String lastProblem;
    private int refollows;

    private ContainerProcess(DockerEngine engine, String containerId, String name, Instant startedAt, Duration grace) {
        this.engine = engine;
        this.containerId = containerId;
        this.name = name;
        this.startedAt = startedAt;
        this.grace = grace;
    }

    /** Follows a started (or re-attached) container: its whole log, or from {@code sinceEpochSecond} on when given. */
    static ContainerProcess follow(DockerEngine engine, String containerId, String name, Duration grace,
            Integer sinceEpochSecond) {
        DockerEngine.ContainerState s = engine.inspect(containerId);
        ContainerProcess p = new ContainerProcess(engine, containerId, name, parse(s.startedAt()), grace);
        p.followFrom(sinceEpochSecond);
        return p;
    }

    String containerId() {
        return containerId;
    }

    /** Why the container's end could not be known (the engine stopped answering, the container vanished), or null. */
    String lostReason() {
        return lostReason;
    }

    /** The last failure of a stop or kill, or null. */
    String lastProblem() {
        return lastProblem;
    }

    private void followFrom(Integer since) {
        var cmd = engine.streams().logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withFollowStream(true);
        if (since != null) {
            cmd = cmd.withSince(since);
        }
        follow = cmd.exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                output.feed(frame.getPayload());
            }

            @Override
            public void onError(Throwable t) {
                Thread.ofVirtual().name("container-end-" + name).start(() -> streamEnded(t));
            }

            @Override
            public void onComplete() {
                Thread.ofVirtual().name("container-end-" + name).start(() -> streamEnded(null));
            }
        });
    }

    private synchronized void streamEnded(Throwable error) {
        if (exit.isDone()) {
            return;
        }
        if (detached) {
            end(null);
            return;
        }
        DockerEngine.ContainerState s;
        try {
            s = engine.inspect(containerId);
        } catch (RuntimeException e) {
            lostReason = EngineErrors.status(e) == 404 ? "the container " + name + " was removed outside Observatory"
                    : "lost contact with the Docker engine at " + engine.host() + " while following " + name + ": "
                            + EngineErrors.reason(e) + "; the container may still run";
            end(null);
            return;
        }
        if (s.running()) {
            if (refollows++ < MAX_REFOLLOWS) {
                LOG.info("container {}: its log stream ended while it runs ({}); following it again", name,
                        error == null ? "closed" : EngineErrors.reason(error));
                followFrom((int) Instant.now().getEpochSecond());
                return;
            }
            lostReason = "the Docker engine at " + engine.host() + " kept closing the log stream of " + name + " ("
                    + (error == null ? "closed" : EngineErrors.reason(error)) + "); the container still runs";
            end(null);
            return;
        }
        if (s.oomKilled()) {
            output.feed(("[observatory] the engine reports the container was killed for running out of memory\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (s.error() != null) {
            output.feed(("[observatory] the engine reports: " + s.error() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try {
            engine.remove(containerId);
        } catch (RuntimeException e) {
            LOG.warn("container {}: not removed after it ended: {}", name, EngineErrors.reason(e));
        }
        end(s.exitCode() == null ? null : s.exitCode().intValue());
    }

    private void end(Integer code) {
        output.finish();
        exit.complete(code);
    }

    /** Stops following without touching the container (the server closes; the next start re-attaches it). */
    void detach() {
        detached = true;
        closeFollow();
    }

    private void closeFollow() {
        Closeable f = follow;
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // the stream is gone either way
            }
        }
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public boolean alive() {
        return !exit.isDone();
    }

    /** TERM: the engine's stop (SIGTERM, SIGKILL after the grace period; returns once stopped); KILL: its kill. */
    @Override
    public boolean signal(String signal) {
        try {
            switch (signal) {
                case "TERM" -> engine.stop(containerId, grace);
                case "KILL" -> engine.kill(containerId);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            int status = EngineErrors.status(e);
            if (status == 304 || status == 404 || status == 409) {
                return true; // already stopped, gone, or not running
            }
            lastProblem = "the Docker engine at " + engine.host() + " did not "
                    + (signal.equals("TERM") ? "stop" : "kill") + " " + name + ": " + EngineErrors.reason(e);
            return false;
        }
    }

    private static Instant parse(String engineTime) {
        try {
            return engineTime == null || engineTime.startsWith("0001-") ? null : Instant.parse(engineTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
