package dev.observatory.core.deploy;

import dev.observatory.core.job.JobLog;
import dev.observatory.core.job.JobProcess;
import dev.observatory.core.job.SecretRedactor;
import dev.observatory.model.deploy.Deployment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The server's in-memory state of one deployment whose process (or container) runs. */
final class LiveDeployment {
    static final int TAIL_LINES = 20;
    /** Characters of a line kept in the tail (status messages stay short). */
    static final int TAIL_LINE_CHARS = 400;

    final String id;
    final JobProcess process;
    /** Null for a process re-attached after a restart (its output belonged to the old server). */
    final JobLog log;
    final SecretRedactor redactor;
    /** Completes when the deployment leaves STARTING (healthy, unhealthy, failed, stopped). */
    final CompletableFuture<Deployment> settled = new CompletableFuture<>();
    /** Completes when the process has ended and its end is recorded. */
    final CompletableFuture<Deployment> ended = new CompletableFuture<>();
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    volatile boolean stopRequested;
    /** Set (under this object's lock) once the end is being recorded: later health results are ignored. */
    boolean finished;
    volatile HealthResult lastProbe;

    LiveDeployment(String id, JobProcess process, JobLog log, SecretRedactor redactor) {
        this.id = id;
        this.process = process;
        this.log = log;
        this.redactor = redactor;
    }

    synchronized void addLine(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line.length() > TAIL_LINE_CHARS ? line.substring(0, TAIL_LINE_CHARS) + "..." : line);
    }

    /** The last lines the process printed (redacted), oldest first. */
    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }
}
