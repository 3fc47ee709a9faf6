package dev.observatory.core.job;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.store.JobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of one server: launches them through their executor (at most {@code maxConcurrent} at once, the rest
 * wait as pending), reads their output on a thread per job (redaction, metric parsing, guardrails, the rotated log),
 * and on a timer checks stalls, escalates stops to SIGKILL after the grace period, flushes metrics and samples
 * resources. On start it re-attaches the jobs recorded as running whose process still lives, and marks the others lost.
 * Closing it stops the monitoring but leaves the processes running (a later start re-attaches them).
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    static final Actor ACTOR = new Actor("jobs", "executor");
    /** Buffered points that make the reader hand a batch to the metric writer thread. */
    private static final int FLUSH_POINTS = 20_000;
    /** Buffered points at which the reader writes itself (back-pressure; below Tracking's batch limit). */
    private static final int MAX_BUFFERED = 90_000;
    private static final int MAX_LINE = 32_768;

    private final Tracking tracking;
    private final JobSettings settings;
    private final Map<String, Executor> executors;
    private final Map<String, LiveJob> live = new ConcurrentHashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private final ScheduledExecutorService ticker;
    /** Writes metric batches so that a job's reader thread never waits for the store in the common case. */
    private final java.util.concurrent.ExecutorService metricWriter;
    private volatile boolean started;

    public JobRunner(Tracking tracking, JobSettings settings) {
        this.tracking = tracking;
        this.settings = settings;
        this.executors = Map.of("local", new LocalProcessExecutor());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-ticker");
            t.setDaemon(true);
            return t;
        });
        this.metricWriter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "job-metric-writer");
            t.setDaemon(true);
            return t;
        });
    }

    public JobSettings settings() {
        return settings;
    }

    /** The job store, looked up at use: a store still opening in the background is not waited for at start-up. */
    private JobStore store() {
        return tracking.store().jobs();
    }

    /** Starts the timer and recovers the jobs of a previous server life; idempotent. */
    public synchronized JobRunner start() {
        if (started) {
            return this;
        }
        started = true;
        long tick = settings.tick().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        recover();
        return this;
    }

    public boolean started() {
        return started;
    }

    Executor executor(String name) {
        Executor e = executors.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown executor '" + name + "': available: " + executors.keySet());
        }
        return e;
    }

    /** Starts a pending job now, or queues it when {@code maxConcurrent} jobs run. */
    public synchronized void submit(Job job) {
        if (!started) {
            throw new IllegalStateException("the job runner is not started");
        }
        if (live.size() >= settings.maxConcurrent()) {
            queue.addLast(job.id());
            event(job.id(), "queued", "info", settings.maxConcurrent() + " jobs are running; waiting for a slot");
            return;
        }
        launch(job);
    }

    private void launch(Job job) {
        Path logFile = settings.logDir().resolve(job.id() + ".log");
        Instant now = tracking.clock().instant();
        JobProcess process;
        JobLog log;
        Path workDir;
        try {
            workDir = settings.checkWorkingDir(job.spec().workingDir());
            log = new JobLog(logFile, settings.logMaxBytes(), settings.logFiles());
            process = executor(job.spec().executor()).launch(withRunEnv(job), workDir);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            store().update(job.id(), JobUpdate.ended(JobStatus.FAILED, null, now, "error",
                    ErrorSignatures.normalise("cannot start: " + why)));
            event(job.id(), "ended", "critical", "could not start: " + why);
            runStatus(job.runId(), RunStatus.FAILED);
            return;
        }
        LineProcessor lines = new LineProcessor(new SecretRedactor(job.spec().env()),
                new Guardrails(job.spec().guardrails(), now.toEpochMilli()), new MetricBuffer());
        LiveJob lj = new LiveJob(job, process, lines, log);
        lj.checkpoints = checkpoints(job, workDir, now.toEpochMilli());
        live.put(job.id(), lj);
        store().update(job.id(), JobUpdate.started(process.pid(), process.startedAt(), now, logFile.toString()));
        event(job.id(), "started", "info", "pid " + process.pid() + " in " + job.spec().workingDir()
                + (LocalProcessExecutor.ownProcessGroups() ? " (own process group)" : ""));
        runStatus(job.runId(), RunStatus.RUNNING);
        Thread.ofPlatform().daemon().name("job-" + job.id()).start(() -> read(lj));
    }

    /**
     * The spec with OBSERVATORY_JOB_ID, OBSERVATORY_RUN_ID and MLFLOW_RUN_ID added (unless set), so that a program
     * logging through the REST or MLflow API writes into the job's run, and OBSERVATORY_CONFIG_NAME and
     * OBSERVATORY_CONFIG_VERSION when it runs with a stored training config.
     */
    static JobSpec withRunEnv(Job job) {
        JobSpec s = job.spec();
        Map<String, String> env = new java.util.LinkedHashMap<>(s.env());
        env.putIfAbsent("OBSERVATORY_JOB_ID", job.id());
        env.putIfAbsent("OBSERVATORY_RUN_ID", job.runId());
        env.putIfAbsent("MLFLOW_RUN_ID", job.runId());
        if (job.configName() != null) {
            env.putIfAbsent("OBSERVATORY_CONFIG_NAME", job.configName());
            env.putIfAbsent("OBSERVATORY_CONFIG_VERSION", String.valueOf(job.configVersion()));
        }
        return new JobSpec(s.argv(), s.workingDir(), env, s.executor(), s.resources(), s.shell(), s.targetSteps(),
                s.params(), s.guardrails());
    }

    /**
     * The reader thread of a job: lines straight from the output bytes (large reads, no decode and re-encode for the
     * log unless a secret was redacted), the per-line path, the log flushed once per read, metric batches handed to the
     * writer thread (or written here above {@link #MAX_BUFFERED}, as back-pressure).
     */
    private void read(LiveJob lj) {
        LineProcessor lp = lj.lines;
        try (java.io.InputStream in = lj.process.output()) {
            new OutputLines(in, MAX_LINE).pump(new OutputLines.Sink() {
                @Override
                public void line(byte[] buf, int from, int to) throws IOException {
                    String raw = new String(buf, from, to - from, StandardCharsets.UTF_8);
                    String line = lp.process(raw, tracking.clock().millis());
                    GuardrailEvent fired = lp.lastEvent();
                    if (fired != null) {
                        onGuardrail(lj, fired);
                    }
                    if (line == raw) {
                        lj.log.append(buf, from, to);
                    } else {
                        lj.log.append(line);
                    }
                    if (lp.buffer().points() >= MAX_BUFFERED) {
                        flushMetrics(lj);
                    }
                }

                @Override
                public void blockEnd() throws IOException {
                    lj.log.flush();
                    if (lp.buffer().points() >= FLUSH_POINTS) {
                        queueFlush(lj);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("job {}: reading its output failed: {}", lj.id, e.toString());
        }
        try {
            finish(lj, lj.process.exit().join());
        } catch (RuntimeException e) {
            LOG.warn("job {}: its end was not recorded: {}", lj.id, e.toString());
        }
    }

    /** Hands the job's buffered points to the metric writer thread unless a batch of it is queued already. */
    private void queueFlush(LiveJob lj) {
        if (metricWriter.isShutdown() || !lj.flushQueued.compareAndSet(false, true)) {
            return;
        }
        metricWriter.execute(() -> {
            try {
                flushMetrics(lj);
            } catch (RuntimeException e) {
                LOG.warn("job {}: metrics not written: {}", lj.id, e.toString());
            } finally {
                lj.flushQueued.set(false);
            }
        });
    }

    private void onGuardrail(LiveJob lj, GuardrailEvent fired) {
        GuardrailSpec g = store().get(lj.id).map(j -> j.spec().guardrails()).orElse(GuardrailSpec.none());
        GuardrailEvent recorded = fired;
        if (g.stopOnTrigger() && lj.stopReason == null) {
            lj.stopReason = "guardrail";
            if (g.checkpointSignalMs() > 0) {
                lj.process.signal("USR1");
                event(lj.id, "signal", "warning",
                        "SIGUSR1 sent (save a final checkpoint); SIGTERM follows in " + g.checkpointSignalMs() + " ms");
                lj.pendingTerm = ticker.schedule(() -> {
                    // recorded first: the job may end (and be read as ended) as soon as the signal lands
                    store().update(lj.id, JobUpdate.guardrail(fired.signalled(tracking.clock().instant())));
                    terminate(lj, "guardrail, after SIGUSR1");
                }, g.checkpointSignalMs(), TimeUnit.MILLISECONDS);
            } else {
                terminate(lj, null);
                recorded = fired.signalled(Instant.ofEpochMilli(lj.termSentMs));
            }
        }
        store().update(lj.id, JobUpdate.guardrail(recorded));
        event(lj.id, "alert", "critical", "guardrail " + fired.guardrail() + " fired: " + fired.reason()
                + (g.stopOnTrigger() ? "; stopping the job" : "; the job keeps running (stop_on_trigger=false)"));
        tracking.auditor().record(ACTOR, "job.guardrail", "job/" + lj.id, fired.guardrail());
    }

    /** Sends SIGTERM to the job's process group (the timer sends SIGKILL after the grace period). */
    private void terminate(LiveJob lj, String eventReason) {
        lj.termSentMs = tracking.clock().millis();
        boolean sent = lj.process.signal("TERM");
        if (eventReason != null) {
            event(lj.id, "signal", "info", "SIGTERM " + (sent ? "sent" : "not delivered") + " (" + eventReason
                    + "); SIGKILL after " + settings.grace().toMillis() + " ms if it keeps running");
        }
    }

    /** Asks a job to stop: SIGTERM now, SIGKILL after the grace period. Returns whether it was running or queued. */
    public boolean stop(String jobId, String reason) {
        LiveJob lj = live.get(jobId);
        if (lj == null) {
            synchronized (this) {
                if (queue.remove(jobId)) {
                    store().update(jobId,
                            JobUpdate.ended(JobStatus.STOPPED, null, tracking.clock().instant(), "stopped", null));
                    event(jobId, "ended", "info", "stopped before it started (" + reason + ")");
                    store().get(jobId).ifPresent(j -> runStatus(j.runId(), RunStatus.KILLED));
                    return true;
                }
            }
            return false;
        }
        if (lj.stopReason == null) {
            lj.stopReason = reason;
        }
        terminate(lj, reason);
        return true;
    }

    private void tick() {
        long now = tracking.clock().millis();
        for (LiveJob lj : live.values()) {
            try {
                GuardrailEvent stall = lj.process.output() == null ? null : lj.lines.guardrails().onTick(now);
                if (stall != null) {
                    onGuardrail(lj, stall);
                }
                if (lj.termSentMs > 0 && !lj.killSent && now - lj.termSentMs >= settings.grace().toMillis()
                        && lj.process.alive()) {
                    lj.killSent = true;
                    lj.process.signal("KILL");
                    event(lj.id, "signal", "warning",
                            "SIGKILL sent: still running " + settings.grace().toMillis() + " ms after SIGTERM");
                }
                flushMetrics(lj);
                if (lj.checkpoints != null
                        && now - lj.lastCheckpointScanMs >= settings.checkpoints().every().toMillis()) {
                    lj.lastCheckpointScanMs = now;
                    lj.checkpoints.scan();
                }
                if (now - lj.lastSampleMs >= settings.sampleEvery().toMillis()) {
                    lj.lastSampleMs = now;
                    sample(lj);
                }
            } catch (RuntimeException e) {
                LOG.warn("job {}: timer check failed: {}", lj.id, e.toString());
            }
        }
    }

    private void sample(LiveJob lj) {
        ResourceSample s = lj.sampler.sample(lj.process.pid(), tracking.clock().instant());
        if (s != null) {
            lj.addSample(s);
            tracking.logMetrics(ACTOR, lj.runId, ResourceSample.asMetrics(s, lj.sampleCount++));
        }
    }

    private void flushMetrics(LiveJob lj) {
        Map<String, MetricColumns> batch = lj.lines.buffer().drain();
        if (!batch.isEmpty()) {
            tracking.logMetrics(ACTOR, lj.runId, batch);
        }
    }

    private void finish(LiveJob lj, Integer code) {
        try {
            flushMetrics(lj);
        } catch (RuntimeException e) {
            LOG.warn("job {}: last metrics not written: {}", lj.id, e.toString());
        }
        if (lj.log != null) {
            lj.log.close();
        }
        if (lj.pendingTerm != null) {
            lj.pendingTerm.cancel(false);
        }
        if (lj.checkpoints != null) {
            lj.checkpoints.scan(); // the last ones, written just before the end
        }
        live.remove(lj.id);
        Outcome o = Outcome.of(lj, code);
        Job job = store().update(lj.id,
                JobUpdate.ended(o.status(), code, tracking.clock().instant(), o.failure(), o.signature()));
        event(lj.id, "ended", o.status() == JobStatus.SUCCEEDED ? "info" : "warning", o.message());
        runStatus(job.runId(), switch (o.status()) {
            case SUCCEEDED -> RunStatus.FINISHED;
            case FAILED -> RunStatus.FAILED;
            case LOST -> RunStatus.CRASHED;
            default -> RunStatus.KILLED;
        });
        startQueued();
    }

    private synchronized void startQueued() {
        while (!queue.isEmpty() && live.size() < settings.maxConcurrent()) {
            String id = queue.pollFirst();
            store().get(id).filter(j -> j.status() == JobStatus.PENDING).ifPresent(this::launch);
        }
    }

    private void recover() {
        Instant now = tracking.clock().instant();
        for (Job job : store().list(JobQuery.withStatus(JobStatus.RUNNING, 10_000))) {
            Optional<JobProcess> p = job.pid() == null ? Optional.empty()
                    : executor(job.spec().executor()).reattach(job.pid(), job.processStart());
            if (p.isPresent()) {
                LineProcessor lines = new LineProcessor(new SecretRedactor(job.spec().env()),
                        new Guardrails(GuardrailSpec.none(), now.toEpochMilli()), new MetricBuffer());
                LiveJob lj = new LiveJob(job, p.get(), lines, null);
                lj.checkpoints = checkpoints(job, Path.of(job.spec().workingDir()),
                        job.startedAt() == null ? now.toEpochMilli() : job.startedAt().toEpochMilli());
                live.put(job.id(), lj);
                event(job.id(), "reattached", "warning", "re-attached to pid " + job.pid()
                        + " after a restart; its output is no longer captured and its exit code will be unknown");
                p.get().exit().thenAccept(code -> finish(lj, code));
            } else {
                store().update(job.id(), JobUpdate.ended(JobStatus.LOST, null, now, "lost", null));
                event(job.id(), "lost", "critical",
                        "recorded as running but process " + job.pid() + " is gone after a restart");
                runStatus(job.runId(), RunStatus.CRASHED);
            }
        }
        List<Job> pending = store().list(JobQuery.withStatus(JobStatus.PENDING, 10_000));
        for (int i = pending.size() - 1; i >= 0; i--) {
            submit(pending.get(i));
        }
    }

    /** The checkpoint registration of a job writing into {@code dir}, or null when no patterns are configured. */
    private JobCheckpoints checkpoints(Job job, Path dir, long startedMs) {
        CheckpointScan scan = settings.checkpoints();
        return scan.enabled() ? new JobCheckpoints(tracking, job.id(), job.runId(), startedMs, dir, scan.patterns())
                : null;
    }

    /** The live state of a running job, if it runs here. */
    Optional<LiveJob> live(String jobId) {
        return Optional.ofNullable(live.get(jobId));
    }

    public int running() {
        return live.size();
    }

    public synchronized int queued() {
        return queue.size();
    }

    private void event(String jobId, String kind, String severity, String message) {
        store().addEvent(new JobEvent(jobId, tracking.clock().instant(), kind, severity, message));
    }

    private void runStatus(String runId, RunStatus status) {
        try {
            tracking.updateRun(ACTOR, runId, RunPatch.status(status));
        } catch (RuntimeException e) {
            LOG.warn("run {}: status {} not recorded: {}", runId, status, e.toString());
        }
    }

    /** Stops every running job (SIGTERM, SIGKILL after the grace period) and waits for them, at most {@code ms}. */
    public void stopAll(String reason, long ms) {
        List<LiveJob> running = List.copyOf(live.values());
        running.forEach(lj -> stop(lj.id, reason));
        long deadline = System.currentTimeMillis() + ms;
        for (LiveJob lj : running) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0) {
                try {
                    lj.process.exit().get(left, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    lj.process.signal("KILL");
                }
            }
        }
    }

    /** Stops the timer; running processes keep running (re-attached or marked lost at the next start). */
    @Override
    public void close() {
        ticker.shutdownNow();
        metricWriter.shutdown();
        for (LiveJob lj : live.values()) {
            try {
                flushMetrics(lj);
            } catch (RuntimeException e) {
                LOG.warn("job {}: metrics not flushed at close: {}", lj.id, e.toString());
            }
        }
    }
}
