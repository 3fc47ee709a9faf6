package dev.observatory.core.deploy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.StorageComponent;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tracking over a given store with model "tiny" (versions 1 and 2, alias champion -> 2) and a started deployment
 * runner with short timings; the command that runs the committed tiny model server as a real process.
 */
final class DeploymentFixture implements AutoCloseable {
    static final Actor ACTOR = new Actor("ada", "test");
    static final String SECRET = "tiny-secret-4711";

    final Tracking tracking;
    final DeploymentRunner runner;
    final Path dir;
    /** The Docker engine the runner talks to (a fake Engine API in the docker tests); null for the default. */
    final String dockerHost;

    DeploymentFixture(StorageComponent store, Path dir, boolean readOnly, boolean seed) {
        this(store, dir, readOnly, seed, null);
    }

    DeploymentFixture(StorageComponent store, Path dir, boolean readOnly, boolean seed, String dockerHost) {
        this.dir = dir;
        this.dockerHost = dockerHost;
        this.tracking = new Tracking(store, Clock.systemUTC(), readOnly, new Auditor(store.audit(), Clock.systemUTC()));
        if (seed) {
            Registry r = new Registry(tracking);
            r.createModel(ACTOR, new NewModel("tiny", "a tiny model", Map.of(), "ada"));
            r.createVersion(ACTOR, NewModelVersion.of("tiny", "/models/tiny/1", null));
            r.createVersion(ACTOR, NewModelVersion.of("tiny", "/models/tiny/2", null));
            r.setAlias(ACTOR, "tiny", "champion", 2);
        }
        this.runner = Deployments.configure(tracking, settings(dir), dockerHost).start();
    }

    static DeploymentSettings settings(Path dir) {
        return new DeploymentSettings(dir.resolve("work"), dir.resolve("logs"), Duration.ofSeconds(90),
                Duration.ofMillis(100), Duration.ofSeconds(3), 1 << 20, 1);
    }

    /** A second server life over the same store: a new runner (the old one is closed, its processes keep running). */
    DeploymentRunner restart() {
        return Deployments.configure(tracking, settings(dir), dockerHost).start();
    }

    static Path serverSource() {
        try {
            return Path.of(DeploymentFixture.class.getResource("/tiny-model-server/Server.java").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code java Server.java --port {port} --model {model}} plus options. */
    static List<String> tinyServer(String... options) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                serverSource().toString(), "--port", "{port}", "--model", "{model}-v{version}"));
        cmd.addAll(List.of(options));
        return cmd;
    }

    static DeployRequest request(List<String> command, Integer port, Map<String, String> env) {
        return new DeployRequest(null, "tiny", "champion", "staging", "process", null, command, port, env, null,
                Duration.ofSeconds(90));
    }

    Deployments deployments() {
        return new Deployments(tracking);
    }

    @Override
    public void close() {
        runner.stopAll("test end");
        runner.close();
    }
}
