package dev.observatory.core.deploy;

import dev.observatory.core.Tracking;
import dev.observatory.core.job.JobLog;
import dev.observatory.core.job.JobProcess;
import dev.observatory.core.job.LocalProcessExecutor;
import dev.observatory.core.job.SecretRedactor;
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildStatus;
import dev.observatory.model.job.JobSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a recorded build's command through the jobs' local executor: output (secrets redacted) to the build log, and
 * when it ends the status, exit code, log tail of a failure and output size into the store.
 */
final class BuildLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(BuildLauncher.class);
    private static final int MAX_LINE = 16_384;
    private static final int TAIL = 20;
    private static final long LOG_MAX_BYTES = 16L << 20;
    /** Builds still running in this server, by id: completes with the finished record. */
    static final Map<String, CompletableFuture<Build>> RUNNING = new ConcurrentHashMap<>();
    /** The processes of those builds, by id (launched here or re-attached after a restart). */
    static final Map<String, JobProcess> PROCESSES = new ConcurrentHashMap<>();
    /** Builds whose cancel was asked for, by id: who asked. */
    static final Map<String, String> CANCELS = new ConcurrentHashMap<>();

    private BuildLauncher() {
    }

    /** Starts the build's command; returns the build failed at once when it cannot start. */
    static Build launch(Tracking tracking, Build b, Map<String, String> env, LongSupplier measureSize) {
        JobLog log = null;
        JobProcess process;
        try {
            Files.createDirectories(Path.of(b.logPath()).getParent());
            log = new JobLog(Path.of(b.logPath()), LOG_MAX_BYTES, 1);
            process = new LocalProcessExecutor().launch(
                    new JobSpec(b.argv(), b.context(), env, "local", null, false, null, null, null),
                    Path.of(b.context()));
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                log.close();
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            return tracking.store().builds().update(
                    b.finished(BuildStatus.FAILED, null, "could not start: " + why, null, tracking.clock().instant()));
        }
        CompletableFuture<Build> done = new CompletableFuture<>();
        RUNNING.put(b.id(), done);
        PROCESSES.put(b.id(), process);
        BuildRecovery.writePidFile(b, process);
        JobLog opened = log;
        Thread.ofPlatform().daemon().name("build-" + b.id())
                .start(() -> follow(tracking, b, process, opened, new SecretRedactor(env), measureSize, done));
        return b;
    }

    private static void follow(Tracking tracking, Build b, JobProcess process, JobLog log, SecretRedactor redactor,
            LongSupplier measureSize, CompletableFuture<Build> done) {
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.output(), StandardCharsets.UTF_8))) {
            String raw;
            while ((raw = r.readLine()) != null) {
                String line = redactor.redact(raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) : raw);
                log.append(line);
                tail.addLast(line);
                if (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("build {}: reading its output failed: {}", b.id(), e.toString());
        } finally {
            log.close();
        }
        Integer code = process.exit().join();
        Build out;
        try {
            String canceller = CANCELS.get(b.id());
            if (canceller != null) {
                out = b.finished(BuildStatus.CANCELLED, code, "cancelled by " + canceller + " (exit code " + code + ")",
                        null, tracking.clock().instant());
            } else if (code != null && code == 0) {
                long size = measureSize.getAsLong();
                out = b.finished(BuildStatus.SUCCEEDED, 0, size >= 0 ? "built " + size + " bytes" : "built",
                        size >= 0 ? size : null, tracking.clock().instant());
            } else {
                out = b.finished(BuildStatus.FAILED, code,
                        "exited with code " + code + "; last lines:\n" + String.join("\n", tail), null,
                        tracking.clock().instant());
            }
            out = tracking.store().builds().update(out);
        } catch (RuntimeException e) {
            LOG.warn("build {}: its end was not recorded: {}", b.id(), e.toString());
            out = b;
        }
        ended(b, out, done);
    }

    /** Forgets a build whose end is recorded and completes its future. */
    static void ended(Build b, Build out, CompletableFuture<Build> done) {
        BuildRecovery.deletePidFile(b);
        PROCESSES.remove(b.id());
        CANCELS.remove(b.id());
        RUNNING.remove(b.id());
        done.complete(out);
    }

    /** Bytes of a file, or of every file under a directory; -1 when it does not exist. */
    static long sizeOf(Path p) {
        if (!Files.exists(p)) {
            return -1;
        }
        if (Files.isRegularFile(p)) {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return -1;
            }
        }
        try (Stream<Path> files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
