package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.DeploymentStore;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployments: stored whole, updated in place, listed newest first by model and status. */
abstract class DeploymentContract extends StorageFixture {
    DeploymentStore deployments;

    @BeforeEach
    void deployments() {
        deployments = storage.deployments();
    }

    static Deployment deployment(String id, String model, long second) {
        return new Deployment(id, model, "3", "v" + id, "local", "process", "vllm",
                List.of("python3", "-m", "vllm", "--port", "8001"), 8001,
                Map.of("HF_TOKEN", "hf_secret", "CUDA_VISIBLE_DEVICES", "0"), "http://127.0.0.1:8001",
                "http://127.0.0.1:8001/health", DeploymentStatus.PENDING, null, null, null, null, 0, "ada", at(second),
                at(second));
    }

    @Test
    void storesADeploymentAndReadsItBackEqual() {
        Deployment d = deployment("d1", "llama", 10);
        assertThat(deployments.create(d)).isEqualTo(d);
        assertThat(deployments.get("d1")).contains(d);
        assertThat(deployments.get("d1").orElseThrow().env()).containsEntry("HF_TOKEN", "hf_secret");
        assertThat(deployments.get("d1").orElseThrow().argv()).containsExactly("python3", "-m", "vllm", "--port",
                "8001");
        assertThat(deployments.get("nope")).isEmpty();
        assertThatThrownBy(() -> deployments.create(d)).isInstanceOf(ConflictException.class);
    }

    @Test
    void updatesStatusProcessAndRestartsInPlaceKeepingWhoAndWhenItWasCreated() {
        Deployment d = deployments.create(deployment("d1", "llama", 10));
        Instant start = Instant.ofEpochMilli(at(11).toEpochMilli() + 7);
        Deployment running = d.withProcess(4242L, start, "/logs/d1.log", at(11)).withStatus(DeploymentStatus.HEALTHY,
                "200 in 3 ms", at(12));
        assertThat(deployments.update(running)).isEqualTo(running);
        Deployment read = deployments.get("d1").orElseThrow();
        assertThat(read.status()).isEqualTo(DeploymentStatus.HEALTHY);
        assertThat(read.pid()).isEqualTo(4242L);
        assertThat(read.processStart()).isEqualTo(start);
        assertThat(read.statusMessage()).isEqualTo("200 in 3 ms");

        Deployment again = read.restarted(List.of("serve", "--port", "9000"), 9000, "http://127.0.0.1:9000",
                "http://127.0.0.1:9000/health", at(20));
        deployments.update(again);
        Deployment after = deployments.get("d1").orElseThrow();
        assertThat(after.restarts()).isEqualTo(1);
        assertThat(after.port()).isEqualTo(9000);
        assertThat(after.pid()).isNull();
        assertThat(after.processStart()).isNull();
        assertThat(after.status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(after.createdAt()).isEqualTo(at(10));
        assertThat(after.updatedAt()).isEqualTo(at(20));
        assertThatThrownBy(() -> deployments.update(deployment("ghost", "llama", 1)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsNewestFirstFilteredByModelAndStatusWithCounts() {
        deployments.create(deployment("a", "llama", 10));
        deployments.create(deployment("b", "llama", 20).withStatus(DeploymentStatus.HEALTHY, null, at(20)));
        deployments.create(deployment("c", "whisper", 30).withStatus(DeploymentStatus.STOPPED, null, at(30)));
        deployments.create(deployment("d", "llama", 40).withStatus(DeploymentStatus.UNHEALTHY, null, at(40)));

        assertThat(deployments.list(DeploymentQuery.all(10))).extracting(Deployment::id).containsExactly("d", "c", "b",
                "a");
        assertThat(deployments.list(new DeploymentQuery("llama", Set.of(), 10, 0))).extracting(Deployment::id)
                .containsExactly("d", "b", "a");
        assertThat(deployments.list(DeploymentQuery.active(10))).extracting(Deployment::id).containsExactly("d", "b");
        assertThat(deployments.list(new DeploymentQuery(null, Set.of(), 2, 1))).extracting(Deployment::id)
                .containsExactly("c", "b");
        assertThat(deployments.count(new DeploymentQuery("llama", Set.of(), 1, 0))).isEqualTo(3);
        assertThat(deployments.count(new DeploymentQuery(null, Set.of(DeploymentStatus.STOPPED), 1, 0))).isEqualTo(1);
    }
}
