package dev.observatory.core.deploy;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.benchmark.Benchmarks;
import dev.observatory.core.benchmark.EndpointGuard;
import dev.observatory.core.job.JobLog;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.release.Releases;
import dev.observatory.model.Ids;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.store.ConflictException;
import dev.observatory.store.DeploymentStore;
import dev.observatory.store.NotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The deployments service: a registered model version served by a runtime on this host. The process runtime runs the
 * serving command (a template's or a given one) as a child process through the jobs' executor and waits for its health
 * URL; the docker runtime runs the template's image as a container through the Docker Engine API (no docker CLI), only
 * where an engine answers. A thin facade over a Tracking; the long-lived part is the {@link DeploymentRunner}
 * {@link #configure configured} for it by the server.
 * <p>
 * Errors: IllegalArgumentException for bad input, NotFoundException for unknown ids or versions, ConflictException for
 * a port in use, an unavailable runtime or a deployment in the wrong state, ReadOnlyException for changes in read-only
 * mode. Environment values never appear in results, logs or the audit log when their names look secret.
 */
public final class Deployments {
    public static final int MAX_PAGE = 200;
    public static final int MAX_LOG_LINES = 5_000;
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);
    public static final Set<String> ENVIRONMENTS = Set.of("local", "staging");
    public static final Set<String> RUNTIMES = Set.of("process", "docker");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Map<Tracking, DeploymentRunner> RUNNERS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Tracking tracking;

    public Deployments(Tracking tracking) {
        this.tracking = tracking;
    }

    /** Creates the runner of this tracking (not started; {@link DeploymentRunner#start()} starts it). */
    public static DeploymentRunner configure(Tracking tracking, DeploymentSettings settings) {
        return configure(tracking, settings, null);
    }

    /** The started runner; ConflictException when this server runs no deployments. */
    public DeploymentRunner runner() {
        DeploymentRunner r = RUNNERS.get(tracking);
        if (r == null || !r.started()) {
            throw new ConflictException("this server does not run deployments: start it with `observatory serve` or"
                    + " `observatory mcp` (the deployment runtime starts with them, not in read-only mode)");
        }
        return r;
    }

    /**
     * Creates the runner of this tracking with its docker runtime on the engine at {@code dockerHost} (null:
     * DOCKER_HOST or the default unix socket); not started.
     */
    public static DeploymentRunner configure(Tracking tracking, DeploymentSettings settings, String dockerHost) {
        DeploymentRunner old = RUNNERS.get(tracking);
        if (old != null) {
            old.close();
        }
        DeploymentRunner runner = new DeploymentRunner(tracking, settings, dockerHost);
        RUNNERS.put(tracking, runner);
        return runner;
    }

    /**
     * Null when the Docker engine (DOCKER_HOST or the default unix socket) answers, else why the docker runtime is not
     * available on this host ("docker is not available on this host: ...; use runtime=process").
     */
    public static String dockerUnavailableReason() {
        return dockerUnavailableReason(DockerEngine.configuredHost());
    }

    /** As {@link #dockerUnavailableReason()} for the engine at {@code host}. */
    public static String dockerUnavailableReason(String host) {
        try (DockerEngine engine = DockerEngine.at(host)) {
            DockerRuntime.requireAvailable(engine);
            return null;
        } catch (ConflictException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "docker is not available on this host: the Docker client could not be set up for " + host + ": "
                    + EngineErrors.reason(e) + "; use runtime=process";
        }
    }

    /** As {@link #dockerUnavailableReason()} for the engine this tracking's runner uses (configured or not). */
    public String dockerUnavailableHere() {
        DeploymentRunner r = RUNNERS.get(tracking);
        return dockerUnavailableReason(r == null ? DockerEngine.configuredHost() : r.dockerHost());
    }

    /** The deployment settings of this tracking's runner (configured, started or not); empty when none. */
    public java.util.Optional<DeploymentSettings> settings() {
        DeploymentRunner r = RUNNERS.get(tracking);
        return r == null ? java.util.Optional.empty() : java.util.Optional.of(r.settings());
    }

    /** The runner of this tracking, configured (started or not); empty when none. */
    public java.util.Optional<DeploymentRunner> runnerIfConfigured() {
        return java.util.Optional.ofNullable(RUNNERS.get(tracking));
    }

    /** Whether a started runner exists for this tracking. */
    public boolean enabled() {
        DeploymentRunner r = RUNNERS.get(tracking);
        return r != null && r.started();
    }

    private DeploymentStore store() {
        return tracking.store().deployments();
    }

    private void checkWritable(String action) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException(action);
        }
    }

    /**
     * Resolves the version, builds the command, allocates the port, records the deployment, starts it and waits up to
     * {@code req.waitFor()} for it to turn healthy (progress about twice a second).
     */
    public Deployment deploy(Actor actor, DeployRequest req, DeployProgress progress) throws InterruptedException {
        checkWritable("execute_deployment");
        validate(req);
        DeploymentRunner runner = runner();
        ModelVersion v = resolve(req);
        ServingCommand cmd = ServingCommand.of(req.template(), req.command(), req.healthPath(),
                new Releases(tracking).templates());
        String id = Ids.newId();
        int port = Ports.allocate(req.port(), heldPorts());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("model", v.model());
        values.put("version", String.valueOf(v.version()));
        values.put("model_path", v.source() == null ? "" : v.source());
        values.put("gpu_count", "0");
        values.put("gpus", "");
        List<String> argv;
        if (req.runtime().equals("docker")) {
            int containerPort = cmd.containerPort() > 0 ? cmd.containerPort() : port;
            values.put("port", String.valueOf(containerPort));
            List<String> inside = cmd.fill(values);
            argv = DockerRuntime.argv(cmd.image(), port, containerPort, v.source(), req.env(), inside);
            runner.docker();
        } else {
            values.put("port", String.valueOf(port));
            argv = cmd.fill(values);
        }
        String endpoint = "http://127.0.0.1:" + port;
        Instant now = tracking.clock().instant();
        Deployment d = store()
                .create(new Deployment(id, v.model(), String.valueOf(v.version()), v.id(), req.environment(),
                        req.runtime(), cmd.template(), argv, port, req.env(), endpoint, endpoint + cmd.healthPath(),
                        DeploymentStatus.PENDING, null, null, null, null, 0, actor.name(), now, now));
        tracking.auditor().record(actor, "deployment.create", "deployment/" + id, v.model() + " v" + v.version() + " "
                + req.environment() + " " + req.runtime() + " " + cmd.template() + " port " + port);
        runner.launch(d);
        return runner.awaitSettled(id, req.waitFor(), progress);
    }

    static void validate(DeployRequest r) {
        if (!ENVIRONMENTS.contains(r.environment())) {
            throw new IllegalArgumentException("environment must be local or staging, not '" + r.environment()
                    + "' (production changes go through propose_release_config)");
        }
        if (!RUNTIMES.contains(r.runtime())) {
            throw new IllegalArgumentException("runtime must be process or docker, not '" + r.runtime() + "'");
        }
        for (String name : r.env().keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("environment variable names are letters, digits and _ (not"
                        + " starting with a digit): '" + name + "'");
            }
        }
        if (r.waitFor().isNegative() || r.waitFor().compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("wait must be 0-600 seconds");
        }
    }

    private ModelVersion resolve(DeployRequest r) {
        Registry registry = new Registry(tracking);
        if (r.versionId() != null && !r.versionId().isBlank()) {
            return registry.getVersionById(r.versionId());
        }
        if (r.model() == null || r.model().isBlank()) {
            throw new IllegalArgumentException("name the version to deploy: version_id, or model with version");
        }
        String v = r.version() == null ? "latest" : r.version().trim();
        if (v.equals("latest")) {
            return registry.latestVersion(r.model(), null);
        }
        if (v.matches("[0-9]{1,9}")) {
            return registry.getVersion(r.model(), Integer.parseInt(v));
        }
        return registry.getByAlias(r.model(), v);
    }

    private Set<Integer> heldPorts() {
        return store().list(DeploymentQuery.active(10_000)).stream().map(Deployment::port).collect(Collectors.toSet());
    }

    /** Stops a deployment (SIGTERM, SIGKILL after the grace period); an already ended one is returned as it is. */
    public Deployment stop(Actor actor, String id) throws InterruptedException {
        checkWritable("stop_deployment");
        Deployment d = get(id);
        if (!d.status().active() && d.status() != DeploymentStatus.PENDING) {
            if (d.runtime().equals("docker") && runner().removeUnfollowedContainer(id)) {
                tracking.auditor().record(actor, "deployment.stop", "deployment/" + id,
                        "removed its container left on the engine");
            }
            return d;
        }
        Deployment out = runner().stop(id, "asked by " + actor.name())
                .orElseGet(() -> store().update(d.withProcess(null, null, d.logPath(), tracking.clock().instant())
                        .withStatus(DeploymentStatus.STOPPED, "stopped (no process of it ran here)",
                                tracking.clock().instant())));
        tracking.auditor().record(actor, "deployment.stop", "deployment/" + id, out.status().wire());
        return out;
    }

    /** Starts a stopped, failed or lost deployment again on its port, and waits as {@link #deploy} does. */
    public Deployment start(Actor actor, String id, Duration wait, DeployProgress progress)
            throws InterruptedException {
        checkWritable("start_deployment");
        DeploymentRunner runner = runner();
        Deployment d = get(id);
        if (runner.isLive(id) || d.status().active()) {
            throw new ConflictException(
                    "deployment " + id + " is " + d.status().wire() + ": restart_deployment stops and starts it");
        }
        Set<Integer> held = heldPorts();
        if (held.contains(d.port()) || !Ports.free(d.port())) {
            throw new ConflictException("port " + d.port() + " of deployment " + id + " is in use on this host: stop"
                    + " what holds it, or deploy the version again (a new deployment gets a free port)");
        }
        if (d.runtime().equals("docker")) {
            DockerRuntime.parse(d.argv());
            runner.docker();
        }
        Deployment again = store()
                .update(d.restarted(d.argv(), d.port(), d.endpoint(), d.healthUrl(), tracking.clock().instant()));
        tracking.auditor().record(actor, "deployment.start", "deployment/" + id, "restart " + again.restarts());
        runner.launch(again);
        return runner.awaitSettled(id, wait, progress);
    }

    /** Stops the deployment when it runs, then starts it again. */
    public Deployment restart(Actor actor, String id, Duration wait, DeployProgress progress)
            throws InterruptedException {
        checkWritable("restart_deployment");
        stop(actor, id);
        return start(actor, id, wait, progress);
    }

    public Deployment get(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("give the deployment id (list_deployments shows them)");
        }
        return store().get(id).orElseThrow(
                () -> new NotFoundException("no deployment with id '" + id + "': list_deployments shows them"));
    }

    /** Newest first. */
    public List<Deployment> list(String model, DeploymentStatus status, int limit, long offset) {
        return store().list(query(model, status, limit, offset));
    }

    public long count(String model, DeploymentStatus status) {
        return store().count(query(model, status, 1, 0));
    }

    private static DeploymentQuery query(String model, DeploymentStatus status, int limit, long offset) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE);
        }
        return new DeploymentQuery(model, status == null ? Set.of() : Set.of(status), limit, offset);
    }

    /** The last {@code lines} lines of the deployment's log (secrets already redacted), optionally matching a regex. */
    public JobLog.Tail logs(String id, int lines, String grep) {
        if (lines < 1 || lines > MAX_LOG_LINES) {
            throw new IllegalArgumentException("lines must be 1-" + MAX_LOG_LINES);
        }
        Deployment d = get(id);
        if (d.logPath() == null) {
            return new JobLog.Tail(List.of(), 0);
        }
        java.util.function.Predicate<String> filter = l -> true;
        if (grep != null && !grep.isEmpty()) {
            try {
                filter = Pattern.compile(grep, Pattern.CASE_INSENSITIVE).asPredicate();
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("grep is not a valid regular expression: " + e.getDescription());
            }
        }
        return JobLog.tail(Path.of(d.logPath()), lines, filter);
    }

    /**
     * For a docker deployment, its container as the engine reports it now (found by its label, then inspected: state,
     * exit code, restart count, OOM kill); empty for a process deployment, when no container of it exists or when the
     * engine does not answer.
     */
    public java.util.Optional<DockerEngine.ContainerState> container(String id) {
        Deployment d = get(id);
        if (!d.runtime().equals("docker")) {
            return java.util.Optional.empty();
        }
        DeploymentRunner r = RUNNERS.get(tracking);
        DockerEngine own = r == null ? DockerEngine.at(DockerEngine.configuredHost()) : null;
        DockerEngine engine = own != null ? own : r.engine();
        try {
            DockerEngine.LabelledContainer c = engine.labelled().get(id);
            return c == null ? java.util.Optional.empty() : java.util.Optional.of(engine.inspect(c.containerId()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    /** Probes the deployment's health URL now. */
    public HealthResult health(String id, Duration timeout) {
        return HealthProbe.probe(get(id).healthUrl(), timeout, tracking.clock());
    }

    /** discover_api_spec for a deployment (id) or any URL the benchmark guard allows. */
    public ApiDiscovery.Discovery discover(String id, String url, Duration timeout) {
        String base;
        if (id != null && !id.isBlank()) {
            base = get(id).endpoint();
        } else if (url != null && !url.isBlank()) {
            new EndpointGuard(Benchmarks.allowedHosts(tracking)).check(url);
            base = url.trim();
        } else {
            throw new IllegalArgumentException("give deployment_id or url");
        }
        return ApiDiscovery.discover(base, timeout, tracking.clock());
    }

    /**
     * Probes any URL the benchmark guard allows (loopback, or hosts in benchmark_allowed_hosts; never link-local or
     * metadata addresses); IllegalArgumentException saying why a URL is refused.
     */
    public HealthResult probe(String url, Duration timeout) {
        new EndpointGuard(Benchmarks.allowedHosts(tracking)).check(url);
        return HealthProbe.probe(url.trim(), timeout, tracking.clock());
    }
}
