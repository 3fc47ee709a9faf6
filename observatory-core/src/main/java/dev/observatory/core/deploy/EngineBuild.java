package dev.observatory.core.deploy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.observatory.core.Tracking;
import dev.observatory.core.job.JobLog;
import dev.observatory.core.job.JobProcess;
import dev.observatory.core.job.SecretRedactor;
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildStatus;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A docker build through the Engine API ({@code POST /build?t=<name>&dockerfile=<path>}): docker-java packs the context
 * directory into a tar, leaving out what its {@code .dockerignore} names, and the engine's JSON progress messages are
 * written line by line (secrets redacted) to the build's log as they arrive. An {@code error} message in the stream
 * (the engine reports a failed step inside its 200 answer) fails the build with it and the log tail; success records
 * the image's size from image inspect. Cancel closes the request's stream: the Engine API documents that "the build is
 * canceled if the client drops the connection", and the build is recorded cancelled. Seen as a {@link JobProcess} so
 * {@code cancel_docker_build} works on it as on a command build (TERM and KILL both close the stream).
 */
final class EngineBuild implements JobProcess {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBuild.class);
    private static final int TAIL = 20;
    private static final int MAX_LINE = 16_384;
    private static final long LOG_MAX_BYTES = 16L << 20;
    /** The first element of an engine build's recorded argv. */
    static final String ARGV0 = "POST /build";
    /** Label on images Observatory builds: the build id. */
    static final String BUILD_LABEL = "dev.observatory.build";

    private final Tracking tracking;
    private final DockerEngine engine;
    private final Build build;
    private final JobLog log;
    private final SecretRedactor redactor;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Build> done = new CompletableFuture<>();
    private final Instant started;
    private volatile Closeable stream;
    private volatile String error;
    private volatile String imageId;
    private volatile boolean cancelled;

    private EngineBuild(Tracking tracking, DockerEngine engine, Build build, JobLog log, Map<String, String> env) {
        this.tracking = tracking;
        this.engine = engine;
        this.build = build;
        this.log = log;
        this.redactor = new SecretRedactor(env);
        this.started = Instant.now();
    }

    /** Starts the build's stream; returns the build failed at once when it cannot start. */
    static Build launch(Tracking tracking, DockerEngine engine, Build b, Path context, String dockerfile,
            Map<String, String> env) {
        JobLog log;
        try {
            Files.createDirectories(Path.of(b.logPath()).getParent());
            log = new JobLog(Path.of(b.logPath()), LOG_MAX_BYTES, 1);
        } catch (IOException | RuntimeException e) {
            return tracking.store().builds().update(b.finished(BuildStatus.FAILED, null,
                    "could not start: " + e.getMessage(), null, tracking.clock().instant()));
        }
        EngineBuild eb = new EngineBuild(tracking, engine, b, log, env);
        BuildLauncher.RUNNING.put(b.id(), eb.done);
        BuildLauncher.PROCESSES.put(b.id(), eb);
        Thread.ofVirtual().name("build-" + b.id()).start(() -> eb.run(context, dockerfile));
        return b;
    }

    private void run(Path context, String dockerfile) {
        try {
            var cmd = engine.streams().buildImageCmd().withBaseDirectory(context.toFile())
                    .withDockerfile(context.resolve(dockerfile).toFile()).withTags(Set.of(build.name()))
                    .withLabels(Map.of(BUILD_LABEL, build.id()));
            line("[observatory] POST /build to the Docker engine at " + engine.host() + " (context " + context
                    + ", dockerfile " + dockerfile + ", tag " + build.name() + ")");
            stream = cmd.exec(new ResultCallback.Adapter<BuildResponseItem>() {
                @Override
                public void onNext(BuildResponseItem item) {
                    received(item);
                }

                @Override
                public void onError(Throwable t) {
                    finish(t);
                }

                @Override
                public void onComplete() {
                    finish(null);
                }
            });
            if (cancelled) {
                closeStream();
            }
        } catch (RuntimeException e) {
            finish(e);
        }
    }

    private void received(BuildResponseItem item) {
        if (item.getStream() != null) {
            item.getStream().lines().forEach(this::line);
        }
        if (item.getStatus() != null) {
            line((item.getId() != null ? item.getId() + ": " : "") + item.getStatus()
                    + (item.getProgress() != null ? " " + item.getProgress() : ""));
        }
        if (item.getErrorDetail() != null || item.getError() != null) {
            String msg = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage()
                    : item.getError();
            error = msg;
            line("ERROR: " + msg);
        }
        if (item.getImageId() != null) {
            imageId = item.getImageId();
            line("[observatory] image " + imageId);
        }
    }

    private synchronized void line(String raw) {
        String line = redactor.redact(raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) : raw);
        try {
            log.append(line);
            log.flush();
        } catch (IOException e) {
            LOG.warn("build {}: its log was not written: {}", build.id(), e.toString());
        }
        tail.addLast(line);
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
    }

    private synchronized void finish(Throwable failure) {
        if (done.isDone() || exit.isDone()) {
            return;
        }
        Instant now = tracking.clock().instant();
        String canceller = BuildLauncher.CANCELS.get(build.id());
        Build out;
        if (canceller != null) {
            out = build.finished(BuildStatus.CANCELLED, null, "cancelled by " + canceller + ": the build's stream"
                    + " was closed, which makes the Docker engine cancel the build", null, now);
        } else if (failure != null && error == null && engine.closed()) {
            out = build.finished(BuildStatus.LOST, null, "interrupted: the server stopped while the Docker engine"
                    + " built it; the engine cancels a build whose connection drops", null, now);
        } else if (failure != null || error != null) {
            String why = error != null ? error : EngineErrors.reason(failure);
            if (error == null) {
                line("ERROR: " + why);
            }
            out = build.finished(BuildStatus.FAILED, null,
                    "the Docker engine's build failed: " + why + "; last lines:\n" + String.join("\n", tail), null,
                    now);
        } else {
            long size = sizeOf(build.name());
            out = build.finished(BuildStatus.SUCCEEDED, 0, size >= 0 ? "built " + size + " bytes" : "built",
                    size >= 0 ? size : null, now);
        }
        log.close();
        try {
            out = tracking.store().builds().update(out);
        } catch (RuntimeException e) {
            LOG.warn("build {}: its end was not recorded: {}", build.id(), e.toString());
        }
        exit.complete(out.status() == BuildStatus.SUCCEEDED ? 0 : null);
        BuildLauncher.ended(build, out, done);
    }

    private long sizeOf(String image) {
        try {
            return engine.imageSize(image);
        } catch (RuntimeException e) {
            LOG.info("build {}: image size unknown: {}", build.id(), EngineErrors.reason(e));
            return -1;
        }
    }

    private void closeStream() {
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // dropped either way
            }
        }
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public Instant startedAt() {
        return started;
    }

    @Override
    public InputStream output() {
        return InputStream.nullInputStream();
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public boolean alive() {
        return !exit.isDone();
    }

    /** TERM and KILL: closes the build's stream (the engine cancels the build); finishes it as cancelled. */
    @Override
    public boolean signal(String signal) {
        if (!signal.equals("TERM") && !signal.equals("KILL")) {
            return false;
        }
        cancelled = true;
        closeStream();
        Thread.ofVirtual().name("build-cancel-" + build.id()).start(() -> finish(null));
        return true;
    }
}
