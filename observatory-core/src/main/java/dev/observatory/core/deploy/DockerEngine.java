package dev.observatory.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
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
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    private final String host;
    private final DockerClient client;

    private DockerEngine(String host) {
        this.host = host;
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host)
                .withDockerTlsVerify(false).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3)).responseTimeout(Duration.ofSeconds(60)).build();
        this.client = DockerClientImpl.getInstance(config, http);
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
        ExposedPort exposed = ExposedPort.tcp(containerPort);
        com.github.dockerjava.api.model.Ports bindings = new com.github.dockerjava.api.model.Ports();
        bindings.bind(exposed, com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort("127.0.0.1", port));
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        var cmd = client.createContainerCmd(image).withName("observatory-" + deploymentId)
                .withLabels(Map.of(LABEL, deploymentId)).withEnv(envList).withExposedPorts(exposed)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings));
        if (!command.isEmpty()) {
            cmd = cmd.withCmd(command);
        }
        return cmd.exec().getId();
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
                out.put(id, new LabelledContainer(c.getId(), id, c.getState()));
            }
        }
        return out;
    }

    /** Size in bytes of a local image, -1 when unknown. */
    public long imageSize(String image) {
        Long size = client.inspectImageCmd(image).exec().getSize();
        return size == null ? -1 : size;
    }

    /** One of Observatory's containers: engine id, deployment id, state. */
    public record LabelledContainer(String containerId, String deploymentId, String state) {
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing held beyond the connection pool
        }
    }
}
