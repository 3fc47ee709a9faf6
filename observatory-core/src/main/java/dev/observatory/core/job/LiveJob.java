package dev.observatory.core.job;

import dev.observatory.model.job.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** The server's in-memory state of one running job. */
final class LiveJob {
    static final int SAMPLES = 360;

    final String id;
    final String runId;
    final JobProcess process;
    final LineProcessor lines;
    final JobLog log;
    final ResourceSampler sampler = new ResourceSampler();
    private final ArrayDeque<ResourceSample> samples = new ArrayDeque<>();
    /** Why a stop was asked ("user", "guardrail", "shutdown"); null while none was. */
    volatile String stopReason;
    volatile long termSentMs;
    volatile boolean killSent;
    volatile ScheduledFuture<?> pendingTerm;
    /** A metric batch is queued on the writer thread. */
    final java.util.concurrent.atomic.AtomicBoolean flushQueued = new java.util.concurrent.atomic.AtomicBoolean();
    long sampleCount;
    long lastSampleMs;
    /** Registers the checkpoints it writes; null when checkpoint patterns are disabled. */
    volatile JobCheckpoints checkpoints;
    long lastCheckpointScanMs;

    LiveJob(Job job, JobProcess process, LineProcessor lines, JobLog log) {
        this.id = job.id();
        this.runId = job.runId();
        this.process = process;
        this.lines = lines;
        this.log = log;
    }

    synchronized void addSample(ResourceSample s) {
        if (samples.size() == SAMPLES) {
            samples.removeFirst();
        }
        samples.addLast(s);
    }

    synchronized List<ResourceSample> samples() {
        return new ArrayList<>(samples);
    }
}
