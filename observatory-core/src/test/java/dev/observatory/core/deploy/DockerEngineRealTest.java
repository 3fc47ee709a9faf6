package dev.observatory.core.deploy;

import static dev.observatory.core.deploy.DeploymentFixture.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker runtime against a REAL Docker engine (DOCKER_HOST or /var/run/docker.sock). Skipped, with the reason,
 * where no engine answers (as on the machine this project is developed on) or where the image is not pulled
 * (Observatory does not pull images itself). The recorded-protocol fake tests ({@link DockerDeploymentsFakeEngineTest})
 * cover the same flow everywhere.
 */
@Tag("docker")
class DockerEngineRealTest {
    static final String IMAGE = "python:3.12-slim";

    @TempDir
    Path tmp;

    @Test
    void deploysAPythonHttpServerContainerAndStopsAndRemovesIt() throws Exception {
        String why = Deployments.dockerUnavailableReason();
        assumeTrue(why == null, "skipped: no Docker engine is reachable on this host (" + why + ")");
        try (DockerEngine engine = DockerEngine.at(DockerEngine.configuredHost())) {
            boolean pulled;
            try {
                pulled = engine.imageSize(IMAGE) > 0;
            } catch (RuntimeException e) {
                pulled = false;
            }
            assumeTrue(pulled, "skipped: the image " + IMAGE + " is not on the engine (docker pull " + IMAGE + ")");
            try (InMemoryStorage store = new InMemoryStorage();
                    DeploymentFixture f = new DeploymentFixture(store, tmp, false, true)) {
                Deployment d = f.deployments().deploy(ACTOR,
                        new DeployRequest(null, "tiny", "1", null, "docker", "custom",
                                List.of("python3", "-m", "http.server", "{port}"), null, Map.of("MODE", "test"), "/",
                                Duration.ofSeconds(60)),
                        DeployProgress.NONE);
                assertThat(d.status()).as(d.statusMessage()).isEqualTo(DeploymentStatus.HEALTHY);
                assertThat(engine.labelled()).containsKey(d.id());
                assertThat(f.deployments().stop(ACTOR, d.id()).status()).isEqualTo(DeploymentStatus.STOPPED);
                assertThat(engine.labelled()).doesNotContainKey(d.id());
            }
        }
    }
}
