package dev.observatory.core.deploy;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.core.job.JobLog;
import dev.observatory.core.job.JobProcess;
import dev.observatory.core.job.LocalProcessExecutor;
import dev.observatory.core.job.SecretRedactor;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.model.job.JobSpec;
import dev.observatory.store.DeploymentStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the deployments of one server: launches their processes through the jobs' {@link LocalProcessExecutor} (own
 * process group), copies their output (secrets redacted) into a bounded rotated log, probes the health URL until it
 * answers 2xx (healthy) or the health timeout passes (unhealthy, the process keeps running), records an exit (failed
 * with the log tail, or stopped when asked) and stops them with SIGTERM, then SIGKILL after the grace period. On start
 * it re-attaches the deployments recorded as running whose process still lives and marks the others lost (builds alike,
 * see {@code BuildRecovery}). Closing it leaves the processes running (the next start re-attaches them). Docker
 * deployments run as containers through the Docker Engine API ({@link ContainerProcess}: the same watch, stop and
 * failure handling) and are re-attached by their label ({@link ContainerRecovery}).
 */
public final class DeploymentRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRunner.class);
    static final Actor ACTOR = new Actor("deployments", "runtime");
    private static final int MAX_LINE = 16_384;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Tracking tracking;
    private final DeploymentSettings settings;
    private final LocalProcessExecutor executor = new LocalProcessExecutor();
    private final Map<String, LiveDeployment> live = new ConcurrentHashMap<>();
    private final String dockerHost;
    private DockerEngine engine;
    private volatile boolean started;
    private volatile boolean closed;

    public DeploymentRunner(Tracking tracking, DeploymentSettings settings) {
        this(tracking, settings, null);
    }

    /**
     * A runner whose docker runtime talks to the engine at {@code dockerHost} ({@code unix:///path} or
     * {@code tcp://host:port}); null for {@code DOCKER_HOST}, else the default unix socket.
     */
    public DeploymentRunner(Tracking tracking, DeploymentSettings settings, String dockerHost) {
        this.tracking = tracking;
        this.settings = settings;
        this.dockerHost = dockerHost == null || dockerHost.isBlank() ? DockerEngine.configuredHost() : dockerHost;
    }

    /** The Docker engine address this runner uses for the docker runtime and docker builds. */
    public String dockerHost() {
        return dockerHost;
    }

    /** The engine client (created once, nothing called yet). */
    synchronized DockerEngine engine() {
        if (engine == null) {
            engine = DockerEngine.at(dockerHost);
        }
        return engine;
    }

    /** The engine when it answers; ConflictException "docker is not available on this host: ..." otherwise. */
    DockerEngine docker() {
        DockerEngine e = engine();
        DockerRuntime.requireAvailable(e);
        return e;
    }

    public DeploymentSettings settings() {
        return settings;
    }

    /** The store, looked up at use (a store still opening in the background is not waited for at start-up). */
    private DeploymentStore store() {
        return tracking.store().deployments();
    }

    /** Recovers the deployments of a previous server life (re-attached or marked lost); idempotent. */
    public synchronized DeploymentRunner start() {
        if (!started) {
            recover();
            BuildRecovery.recover(tracking);
            started = true;
        }
        return this;
    }

    public boolean started() {
        return started && !closed;
    }

    /** How many deployments have a process watched by this runner. */
    public int running() {
        return live.size();
    }

    boolean isLive(String id) {
        return live.containsKey(id);
    }

    /** Starts the recorded deployment's process: returns it starting, or failed when the process could not start. */
    Deployment launch(Deployment d) {
        Path logFile = settings.logDir().resolve(d.id() + ".log");
        Instant now = tracking.clock().instant();
        JobProcess process;
        JobLog log = null;
        try {
            log = new JobLog(logFile, settings.logMaxBytes(), settings.logFiles());
            if (d.runtime().equals("docker")) {
                process = DockerRuntime.start(docker(), d, settings.grace());
            } else {
                Path work = Files.createDirectories(settings.workDir().resolve(d.id()));
                JobSpec spec = new JobSpec(d.argv(), work.toString(), d.env(), "local", null, false, null, null, null);
                process = executor.launch(spec, work);
            }
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                log.close();
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            return store().update(d.withProcess(null, null, logFile.toString(), now).withStatus(DeploymentStatus.FAILED,
                    "could not start: " + why, now));
        }
        LiveDeployment ld = new LiveDeployment(d.id(), process, log, new SecretRedactor(d.env()));
        live.put(d.id(), ld);
        Long pid = process instanceof ContainerProcess ? null : process.pid();
        String what = process instanceof ContainerProcess c
                ? "container " + DockerEngine.containerName(d.id()) + " (" + shortId(c.containerId()) + ") started; "
                : "";
        Deployment starting = store().update(d.withProcess(pid, process.startedAt(), logFile.toString(), now)
                .withStatus(DeploymentStatus.STARTING, what + "waiting for " + d.healthUrl() + " to answer 2xx", now));
        Thread.ofPlatform().daemon().name("deployment-" + d.id()).start(() -> read(ld));
        Thread.ofVirtual().name("deployment-health-" + d.id()).start(() -> watchHealth(ld, starting.healthUrl()));
        return starting;
    }

    private void read(LiveDeployment ld) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(ld.process.output(), StandardCharsets.UTF_8),
                1 << 14)) {
            String raw;
            while ((raw = r.readLine()) != null) {
                String line = ld.redactor.redact(raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) : raw);
                ld.addLine(line);
                ld.log.append(line);
                if (!r.ready()) {
                    ld.log.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("deployment {}: reading its output failed: {}", ld.id, e.toString());
        }
        try {
            finish(ld, ld.process.exit().join());
        } catch (RuntimeException e) {
            LOG.warn("deployment {}: its end was not recorded: {}", ld.id, e.toString());
        }
    }

    /** Probes the health URL until 2xx (healthy), the health timeout (unhealthy), the process ends or a stop. */
    private void watchHealth(LiveDeployment ld, String url) {
        long deadline = System.nanoTime() + settings.healthTimeout().toNanos();
        while (!closed && !ld.stopRequested && !ld.ended.isDone()) {
            HealthResult r = HealthProbe.probe(url, PROBE_TIMEOUT, tracking.clock());
            ld.lastProbe = r;
            if (r.ok()) {
                settle(ld, d -> d.withStatus(DeploymentStatus.HEALTHY, "healthy: " + url + " answered " + r.summary(),
                        tracking.clock().instant()));
                return;
            }
            if (System.nanoTime() > deadline) {
                settle(ld, d -> d.withStatus(DeploymentStatus.UNHEALTHY,
                        "no 2xx answer from " + url + " within " + settings.healthTimeout().toSeconds() + " s (last: "
                                + r.summary() + "); the process keeps running: get_deployment_logs shows its output,"
                                + " stop_deployment stops it",
                        tracking.clock().instant()));
                return;
            }
            try {
                Thread.sleep(settings.healthInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Records a health outcome unless the process already ended (its end wins). */
    private void settle(LiveDeployment ld, UnaryOperator<Deployment> change) {
        synchronized (ld) {
            if (ld.finished || ld.stopRequested) {
                return;
            }
            Optional<Deployment> d = store().get(ld.id);
            d.ifPresent(x -> ld.settled.complete(store().update(change.apply(x))));
        }
    }

    private void finish(LiveDeployment ld, Integer code) {
        synchronized (ld) {
            ld.finished = true;
        }
        if (ld.log != null) {
            ld.log.close();
        }
        live.remove(ld.id);
        if (closed) {
            return; // a closed runner records nothing: the next server life re-attaches or marks it lost
        }
        Instant now = tracking.clock().instant();
        String exit = code == null ? "exit code unknown" : "exit code " + code;
        Deployment d = store().get(ld.id).orElse(null);
        if (d == null) {
            return;
        }
        Deployment end;
        String lost = ld.process instanceof ContainerProcess c ? c.lostReason() : null;
        if (lost != null) {
            end = d.withStatus(DeploymentStatus.LOST, lost, now);
        } else if (ld.stopRequested) {
            end = d.withStatus(DeploymentStatus.STOPPED, "stopped (" + exit + ")", now);
        } else if (code == null) {
            end = d.withStatus(DeploymentStatus.LOST, "the re-attached process ended; " + exit, now);
        } else {
            List<String> tail = ld.tail();
            end = d.withStatus(DeploymentStatus.FAILED,
                    "the server exited on its own" + (d.status() == DeploymentStatus.STARTING ? " while starting" : "")
                            + " (" + exit + ")" + (tail.isEmpty() ? "; it printed nothing"
                                    : "; last lines of its log:\n" + String.join("\n", tail)),
                    now);
        }
        Deployment recorded = store().update(end.withProcess(null, null, d.logPath(), now));
        tracking.auditor().record(ACTOR, "deployment.ended", "deployment/" + ld.id,
                recorded.status().wire() + " " + exit);
        ld.settled.complete(recorded);
        ld.ended.complete(recorded);
    }

    /**
     * Waits up to {@code wait} for the deployment to leave STARTING, reporting progress about twice a second; returns
     * its record then (still starting when the wait ran out: it goes on in the background).
     */
    Deployment awaitSettled(String id, Duration wait, DeployProgress progress) throws InterruptedException {
        LiveDeployment ld = live.get(id);
        if (ld == null) {
            return store().get(id).orElseThrow();
        }
        long total = Math.max(1, wait.toMillis());
        long start = System.nanoTime();
        while (true) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed >= total) {
                break;
            }
            try {
                Deployment d = ld.settled.get(Math.min(500, total - elapsed), TimeUnit.MILLISECONDS);
                progress.report(total, total, d.status().wire());
                return d;
            } catch (TimeoutException e) {
                HealthResult last = ld.lastProbe;
                progress.report(Math.min(total, (System.nanoTime() - start) / 1_000_000), total, "waiting for "
                        + (last == null ? "the first health probe" : last.url() + ": " + last.summary()));
            } catch (ExecutionException e) {
                break;
            }
        }
        return store().get(id).orElseThrow();
    }

    /**
     * Stops a running deployment: SIGTERM to its process group, SIGKILL after the grace period; waits for the end to be
     * recorded. Empty when no process of it runs here.
     */
    Optional<Deployment> stop(String id, String reason) throws InterruptedException {
        LiveDeployment ld = live.get(id);
        if (ld == null) {
            return Optional.empty();
        }
        ld.stopRequested = true;
        LOG.info("deployment {}: stopping ({})", id, reason);
        if (!ld.process.signal("TERM") && ld.process instanceof ContainerProcess c) {
            try {
                return Optional.of(ld.ended.get(2, TimeUnit.SECONDS));
            } catch (TimeoutException | ExecutionException e) {
                ld.stopRequested = false;
                throw new dev.observatory.store.ConflictException("deployment " + id + " was not stopped: "
                        + c.lastProblem() + "; try again when the engine answers");
            }
        }
        try {
            return Optional.of(ld.ended.get(settings.grace().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            ld.process.signal("KILL");
        } catch (ExecutionException e) {
            return store().get(id);
        }
        try {
            return Optional.of(ld.ended.get(10, TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return store().get(id);
        }
    }

    private void recover() {
        Instant now = tracking.clock().instant();
        ContainerRecovery containers = new ContainerRecovery(this, tracking);
        for (Deployment d : store().list(DeploymentQuery.active(10_000))) {
            if (d.runtime().equals("docker")) {
                containers.recover(d, now);
                continue;
            }
            Optional<JobProcess> p = d.pid() == null ? Optional.empty() : executor.reattach(d.pid(), d.processStart());
            if (p.isPresent()) {
                LiveDeployment ld = new LiveDeployment(d.id(), p.get(), null, new SecretRedactor(d.env()));
                live.put(d.id(), ld);
                store().update(d.withStatus(d.status(), "re-attached to pid " + d.pid() + " after a restart (was "
                        + d.status().wire() + "); its output is no longer captured", now));
                p.get().exit().thenAccept(code -> finish(ld, code));
                if (d.status() == DeploymentStatus.STARTING) {
                    Thread.ofVirtual().name("deployment-health-" + d.id()).start(() -> watchHealth(ld, d.healthUrl()));
                } else {
                    ld.settled.complete(d);
                }
            } else {
                store().update(d.withProcess(null, null, d.logPath(), now).withStatus(DeploymentStatus.LOST,
                        "recorded as " + d.status().wire() + " but process " + d.pid() + " is gone after a restart",
                        now));
                tracking.auditor().record(ACTOR, "deployment.lost", "deployment/" + d.id(), "pid " + d.pid());
            }
        }
    }

    /** Stops every running deployment and waits for them (tests, explicit shutdown). */
    public void stopAll(String reason) {
        for (String id : List.copyOf(live.keySet())) {
            try {
                stop(id, reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Watches a re-attached container: its output (from now on) to its log again, its end and health as usual. */
    void watchReattached(Deployment d, ContainerProcess p) {
        JobLog log = new JobLog(
                Path.of(d.logPath() != null ? d.logPath() : settings.logDir().resolve(d.id() + ".log").toString()),
                settings.logMaxBytes(), settings.logFiles());
        LiveDeployment ld = new LiveDeployment(d.id(), p, log, new SecretRedactor(d.env()));
        live.put(d.id(), ld);
        Thread.ofPlatform().daemon().name("deployment-" + d.id()).start(() -> read(ld));
        if (d.status() == DeploymentStatus.STARTING) {
            Thread.ofVirtual().name("deployment-health-" + d.id()).start(() -> watchHealth(ld, d.healthUrl()));
        } else {
            ld.settled.complete(d);
        }
    }

    /**
     * Removes the container of a docker deployment this runner does not follow (one marked lost while the engine did
     * not answer); false when there is none or the engine does not answer.
     */
    boolean removeUnfollowedContainer(String id) {
        if (live.containsKey(id)) {
            return false;
        }
        try {
            DockerEngine.LabelledContainer c = engine().labelled().get(id);
            if (c == null) {
                return false;
            }
            engine().remove(c.containerId());
            return true;
        } catch (RuntimeException e) {
            LOG.info("deployment {}: its container was not looked up: {}", id, EngineErrors.reason(e));
            return false;
        }
    }

    static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    /**
     * Stops watching; running processes and containers keep running (re-attached or marked lost at the next start).
     */
    @Override
    public void close() {
        closed = true;
        for (LiveDeployment ld : live.values()) {
            if (ld.process instanceof ContainerProcess c) {
                c.detach();
            }
        }
        synchronized (this) {
            if (engine != null) {
                engine.close();
            }
        }
    }
}
