package dev.observatory.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Docker Engine API through docker-java (zerodep transport): the engine at {@code DOCKER_HOST} or the default unix
 * socket {@code /var/run/docker.sock}. {@link #unavailableReason} says plainly why no engine answers (no socket,
 * refused connection, timeout); the container calls create, start, stop, remove, tail logs and list the containers
 * labelled as Observatory's ({@value #LABEL}), so a restarted server can find its running containers again.
 */
public final class DockerEngine implements AutoCloseable {
    /** Label on every container Observatory creates; its value is the deployment id. */
    public static final String LABEL = "dev.observatory.deployment";

    /** Labels of the model and version a deployment's container serves (informational). */
    public static final String MODEL_LABEL = "dev.observatory.model";
    public static final String VERSION_LABEL = "dev.observatory.version";
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    private final String host;
    /** Request/response calls: a stuck engine fails them after 60 s. */
    private final DockerClient client;
    private final ZerodepDockerHttpClient http;
    private volatile boolean closed;
    /** Long streams (followed logs, builds): no response timeout, a quiet server may print nothing for hours. */
    private final DockerClient streams;

    private DockerEngine(String host) {
        this.host = host;
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host)
                .withDockerTlsVerify(false).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3)).responseTimeout(Duration.ofSeconds(60)).build();
        this.client = DockerClientImpl.getInstance(config, http);
        this.http = http;
        ZerodepDockerHttpClient streaming = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3)).build();
        this.streams = DockerClientImpl.getInstance(config, streaming);
    }

    /** docker-java's client for long streams (package use: {@link EngineStreams}). */
    DockerClient streams() {
        return streams;
    }

    /** A client for the given host ({@code unix:///path} or {@code tcp://host:port}); nothing is called yet. */
    public static DockerEngine at(String host) {
        return new DockerEngine(host);
    }

    /** The engine configured for this process: {@code DOCKER_HOST}, else the default unix socket. */
    public static String configuredHost() {
        String h = System.getenv("DOCKER_HOST");
        return h == null || h.isBlank() ? "unix://" + DEFAULT_SOCKET : h.trim();
    }

    public String host() {
        return host;
    }

    /** Null when the engine answers {@code /_ping}, else why not (one sentence, no stack trace). */
    public String unavailableReason() {
        if (host.startsWith("unix://")) {
            Path socket = Path.of(URI.create(host).getPath());
            if (!Files.exists(socket)) {
                return "no Docker engine: the socket " + socket + " does not exist (set DOCKER_HOST to reach one)";
            }
        }
        try {
            client.pingCmd().exec();
            return null;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return "the Docker engine at " + host + " does not answer: "
                    + (why.length() > 200 ? why.substring(0, 200) : why);
        }
    }

    /** The engine's version string ({@code /version}). */
    public String version() {
        return client.versionCmd().exec().getVersion();
    }

    /** Creates the container of a deployment: port {@code 127.0.0.1:port -> containerPort}, labelled with its id. */
    public String create(String deploymentId, String image, int port, int containerPort, Map<String, String> env,
            List<String> command) {
        return create(new ContainerSpec(deploymentId, image, port, containerPort, env, command, Map.of(), List.of()));
    }

    /**
     * Creates a deployment's container ({@code POST /containers/create?name=observatory-<id>}): the environment goes in
     * the request body, never on a command line; no TTY, so logs come in the multiplexed stream format; no restart
     * policy (an exit is reported, not hidden). Returns the engine's container id.
     */
    public String create(ContainerSpec spec) {
        ExposedPort exposed = ExposedPort.tcp(spec.containerPort());
        com.github.dockerjava.api.model.Ports bindings = new com.github.dockerjava.api.model.Ports();
        bindings.bind(exposed, com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort("127.0.0.1", spec.port()));
        List<String> envList = new ArrayList<>();
        spec.env().forEach((k, v) -> envList.add(k + "=" + v));
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(LABEL, spec.deploymentId());
        HostConfig hostConfig = HostConfig.newHostConfig().withPortBindings(bindings);
        if (!spec.readOnlyMounts().isEmpty()) {
            hostConfig = hostConfig.withBinds(
                    spec.readOnlyMounts().stream().map(p -> new Bind(p, new Volume(p), AccessMode.ro)).toList());
        }
        var cmd = client.createContainerCmd(spec.image()).withName(containerName(spec.deploymentId()))
                .withLabels(labels).withEnv(envList).withExposedPorts(exposed).withTty(false)
                .withHostConfig(hostConfig);
        if (!spec.command().isEmpty()) {
            cmd = cmd.withCmd(spec.command());
        }
        return cmd.exec().getId();
    }

    /** The container name of a deployment. */
    public static String containerName(String deploymentId) {
        return "observatory-" + deploymentId;
    }

    /**
     * What to create for a deployment.
     *
     * @param labels
     *            extra labels (the deployment label is always added)
     * @param readOnlyMounts
     *            host paths bound read-only at the same path inside the container (the model's files)
     */
    public record ContainerSpec(String deploymentId, String image, int port, int containerPort, Map<String, String> env,
            List<String> command, Map<String, String> labels, List<String> readOnlyMounts) {
        public ContainerSpec {
            env = env == null ? Map.of() : Map.copyOf(env);
            command = command == null ? List.of() : List.copyOf(command);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            readOnlyMounts = readOnlyMounts == null ? List.of() : List.copyOf(readOnlyMounts);
        }

        /** No secret values in logs or exceptions. */
        @Override
        public String toString() {
            return "ContainerSpec[" + deploymentId + ", " + image + ", " + port + "->" + containerPort + ", env "
                    + env.keySet() + "]";
        }
    }

    public void start(String containerId) {
        client.startContainerCmd(containerId).exec();
    }

    /** Stops the container (SIGTERM, SIGKILL by the engine after {@code grace}). */
    public void stop(String containerId, Duration grace) {
        client.stopContainerCmd(containerId).withTimeout((int) Math.max(1, grace.toSeconds())).exec();
    }

    public void remove(String containerId) {
        client.removeContainerCmd(containerId).withForce(true).exec();
    }

    /** Sends SIGKILL through the engine. */
    public void kill(String containerId) {
        client.killContainerCmd(containerId).exec();
    }

    /** The container's state ({@code GET /containers/{id}/json}). */
    public ContainerState inspect(String containerId) {
        InspectContainerResponse r = client.inspectContainerCmd(containerId).exec();
        InspectContainerResponse.ContainerState s = r.getState();
        return new ContainerState(r.getId(), s == null ? null : s.getStatus(),
                s != null && Boolean.TRUE.equals(s.getRunning()), s == null ? null : s.getExitCodeLong(),
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                s != null && Boolean.TRUE.equals(s.getOOMKilled()),
                s == null || s.getError() == null || s.getError().isBlank() ? null : s.getError(),
                s == null ? null : s.getStartedAt(), s == null ? null : s.getFinishedAt());
    }

    /**
     * A container's state as the engine reports it.
     *
     * @param status
     *            created, running, restarting, exited, dead ...
     * @param exitCode
     *            the last exit code (meaningful once it is not running)
     * @param restartCount
     *            restarts by the engine's restart policy
     * @param error
     *            the engine's error for a container that could not run, or null
     */
    public record ContainerState(String id, String status, boolean running, Long exitCode, int restartCount,
            boolean oomKilled, String error, String startedAt, String finishedAt) {
    }

    /** The last {@code lines} lines of the container's stdout and stderr. */
    public List<String> logs(String containerId, int lines) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }).awaitCompletion(30, TimeUnit.SECONDS);
        return out.toString().lines().toList();
    }

    /** Observatory's containers (running or not) by deployment id, with their state, e.g. running or exited. */
    public Map<String, LabelledContainer> labelled() {
        Map<String, LabelledContainer> out = new LinkedHashMap<>();
        for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()) {
            String id = c.getLabels() == null ? null : c.getLabels().get(LABEL);
            if (id != null) {
                LabelledContainer seen = out.get(id);
                if (seen == null || "running".equals(c.getState())) {
                    out.put(id, new LabelledContainer(c.getId(), id, c.getState()));
                }
            }
        }
        return out;
    }

    /**
     * The body of a GET the typed client has no command for (e.g. {@code /system/df}); IllegalStateException with the
     * status for a non-2xx answer.
     */
    public String get(String path) {
        DockerHttpClient.Request req = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path(path).build();
        try (DockerHttpClient.Response r = http.execute(req)) {
            String body = new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (r.getStatusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + path + " answered " + r.getStatusCode());
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Size in bytes of a local image, -1 when unknown. */
    public long imageSize(String image) {
        Long size = client.inspectImageCmd(image).exec().getSize();
        return size == null ? -1 : size;
    }

    /** One of Observatory's containers: engine id, deployment id, state. */
    public record LabelledContainer(String containerId, String deploymentId, String state) {
    }

    /** Whether {@link #close()} was called (streams ending then were closed by this side). */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.close();
            streams.close();
        } catch (IOException e) {
            // nothing held beyond the connection pools
        }
    }
}
