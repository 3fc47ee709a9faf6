package dev.observatory.core.deploy;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.job.JobLog;
import dev.observatory.core.release.DockerTemplate;
import dev.observatory.core.release.Releases;
import dev.observatory.model.Ids;
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildQuery;
import dev.observatory.model.deploy.BuildStatus;
import dev.observatory.store.BuildStore;
import dev.observatory.store.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds of serving images and packages: a command run in a context directory through the jobs' local executor, with
 * its log ({@code <data>/build-logs/<id>.log}), outcome, duration and output size recorded. Package builds run any
 * command (e.g. a script that packs a model server into a tar); docker builds go to the Docker Engine API
 * ({@code POST /build}, see {@link EngineBuild}; no docker CLI) and only where an engine answers (ConflictException
 * saying why otherwise). A thin facade over a Tracking; builds need the deployment runtime of a server ({@code serve}
 * or {@code mcp}, not read-only).
 */
public final class Builds {
    public static final int MAX_PAGE = 200;
    public static final Set<String> KINDS = Set.of("package", "docker");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,199}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final Tracking tracking;

    public Builds(Tracking tracking) {
        this.tracking = tracking;
    }

    private BuildStore store() {
        return tracking.store().builds();
    }

    /** Records the build, starts its command and waits up to {@code req.waitFor()} for it to end. */
    public Build trigger(Actor actor, BuildRequest req) throws InterruptedException {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("trigger_docker_build");
        }
        Path context = validate(req);
        DeploymentSettings settings = new Deployments(tracking).runner().settings();
        String id = Ids.newId();
        List<String> argv;
        String output;
        DockerEngine engine = null;
        String dockerfile = req.dockerfile() == null || req.dockerfile().isBlank() ? "Dockerfile" : req.dockerfile();
        if (req.kind().equals("docker")) {
            engine = new Deployments(tracking).runner().docker();
            Path df = context.resolve(dockerfile).normalize();
            if (!df.startsWith(context) || !Files.isRegularFile(df)) {
                throw new IllegalArgumentException("the docker build's dockerfile " + dockerfile + " is not a file"
                        + " inside the context " + context + " (dockerfile is a path relative to the context)");
            }
            argv = List.of(EngineBuild.ARGV0, "t=" + req.name(), "dockerfile=" + context.relativize(df));
            output = req.name();
        } else {
            argv = req.command();
            output = req.output();
        }
        Path logFile = buildLogDir(settings).resolve(id + ".log");
        Build b = store().create(new Build(id, req.name(), req.kind(), context.toString(), req.template(), argv, output,
                BuildStatus.RUNNING, "running", null, logFile.toString(), null, actor.name(),
                tracking.clock().instant(), null));
        tracking.auditor().record(actor, "build.trigger", "build/" + id, req.kind() + " " + req.name() + " in "
                + context + (req.template() != null ? " for " + req.template() : ""));
        Build started = engine != null
                ? EngineBuild.launch(tracking, engine, b, context,
                        context.relativize(context.resolve(dockerfile).normalize()).toString(), req.env())
                : BuildLauncher.launch(tracking, b, req.env(),
                        () -> output == null ? -1 : BuildLauncher.sizeOf(context.resolve(output)));
        return started.status().ended() ? started : await(id, req.waitFor());
    }

    /**
     * Cancels a running build: SIGTERM to its process group, SIGKILL after the deployments' grace period; returns it
     * cancelled. A build that already ended is returned as it is.
     */
    public Build cancel(Actor actor, String id) throws InterruptedException {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("cancel_docker_build");
        }
        Build b = get(id);
        if (b.status().ended()) {
            return b;
        }
        DeploymentSettings settings = new Deployments(tracking).runner().settings();
        tracking.auditor().record(actor, "build.cancel", "build/" + id, b.kind() + " " + b.name());
        return BuildRecovery.cancel(tracking, actor, id, settings.grace()).orElseGet(() -> get(id));
    }

    /** Waits up to {@code wait} for a running build to end; returns it as stored then. */
    public Build await(String id, Duration wait) throws InterruptedException {
        CompletableFuture<Build> done = BuildLauncher.RUNNING.get(id);
        if (done != null && !wait.isZero()) {
            try {
                return done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return get(id);
            } catch (ExecutionException e) {
                return get(id);
            }
        }
        return get(id);
    }

    private Path validate(BuildRequest r) {
        if (r.name() == null || !NAME.matcher(r.name()).matches()) {
            throw new IllegalArgumentException("name must be an image tag or package name (letters, digits and"
                    + " . _ - / :, at most 200), not '" + r.name() + "'");
        }
        if (!KINDS.contains(r.kind())) {
            throw new IllegalArgumentException("kind must be package or docker, not '" + r.kind() + "'");
        }
        if (r.context() == null || r.context().isBlank()) {
            throw new IllegalArgumentException("give context: the directory the build runs in");
        }
        Path context = Path.of(r.context()).toAbsolutePath().normalize();
        if (!Files.isDirectory(context)) {
            throw new IllegalArgumentException("context " + context + " is not an existing directory");
        }
        if (r.kind().equals("package") && r.command().isEmpty()) {
            throw new IllegalArgumentException("a package build needs a command, e.g. [\"sh\", \"package.sh\"]");
        }
        if (r.output() != null && (r.output().isBlank() || Path.of(r.output()).isAbsolute())) {
            throw new IllegalArgumentException("output is a path relative to the context, not '" + r.output() + "'");
        }
        if (r.template() != null && new Releases(tracking).templates().stream().map(DockerTemplate::name)
                .noneMatch(r.template()::equals)) {
            throw new IllegalArgumentException(
                    "unknown template '" + r.template() + "': list_docker_templates shows them");
        }
        for (String name : r.env().keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("environment variable names are letters, digits and _ (not"
                        + " starting with a digit): '" + name + "'");
            }
        }
        if (r.waitFor().isNegative() || r.waitFor().compareTo(Deployments.MAX_WAIT) > 0) {
            throw new IllegalArgumentException("wait must be 0-600 seconds");
        }
        return context;
    }

    static Path buildLogDir(DeploymentSettings settings) {
        return settings.logDir().toAbsolutePath().resolveSibling("build-logs");
    }

    /**
     * The build; one recorded as running that no process of this server runs any more (the server restarted) is marked
     * lost.
     */
    public Build get(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("give the build id (list_docker_builds shows them)");
        }
        Build b = store().get(id).orElseThrow(
                () -> new NotFoundException("no build with id '" + id + "': list_docker_builds shows them"));
        return lostIfOrphaned(b);
    }

    private Build lostIfOrphaned(Build b) {
        if (b.status() != BuildStatus.RUNNING || BuildLauncher.RUNNING.containsKey(b.id()) || tracking.readOnly()) {
            return b;
        }
        return store().update(b.finished(BuildStatus.LOST, null, "the server stopped while the build ran", null,
                tracking.clock().instant()));
    }

    /** Newest first. */
    public List<Build> list(String name, BuildStatus status, int limit, long offset) {
        return store().list(query(name, status, limit, offset)).stream().map(this::lostIfOrphaned).toList();
    }

    public long count(String name, BuildStatus status) {
        return store().count(query(name, status, 1, 0));
    }

    private static BuildQuery query(String name, BuildStatus status, int limit, long offset) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE);
        }
        return new BuildQuery(name, status == null ? Set.of() : Set.of(status), limit, offset);
    }

    /** The last {@code lines} lines of the build's log (secrets already redacted), optionally matching a regex. */
    public JobLog.Tail logs(String id, int lines, String grep) {
        if (lines < 1 || lines > Deployments.MAX_LOG_LINES) {
            throw new IllegalArgumentException("lines must be 1-" + Deployments.MAX_LOG_LINES);
        }
        Build b = get(id);
        if (b.logPath() == null || !Files.exists(Path.of(b.logPath()))) {
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
        return JobLog.tail(Path.of(b.logPath()), lines, filter);
    }

    /** Disk used by build logs and outputs, deployments and the store, and the docker engine's usage where one runs. */
    public DiskUsage diskUsage() {
        Deployments d = new Deployments(tracking);
        return DiskUsage.measure(tracking, d.settings().orElse(null),
                d.runnerIfConfigured().map(DeploymentRunner::dockerHost).orElse(DockerEngine.configuredHost()));
    }
}
