package dev.observatory.core.deploy;

import static dev.observatory.core.deploy.DeploymentFixture.ACTOR;
import static dev.observatory.core.deploy.DeploymentFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.benchmark.BenchmarkRequest;
import dev.observatory.core.benchmark.Benchmarks;
import dev.observatory.core.job.JobLog;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployments with the process runtime over the committed tiny model server, run as a real child process. */
class DeploymentsTest {
    @TempDir
    Path tmp;
    InMemoryStorage store;
    DeploymentFixture f;

    @BeforeEach
    void open() {
        store = new InMemoryStorage();
        f = new DeploymentFixture(store, tmp, false, true);
    }

    @AfterEach
    void close() {
        f.close();
        store.close();
    }

    @Test
    void deploysTheVersionAsAProcessThatTurnsHealthyServesABenchmarkAndStops() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        Deployment d = f.deployments().deploy(ACTOR, DeploymentFixture.request(DeploymentFixture.tinyServer(), null,
                Map.of("API_KEY", SECRET, "MODE", "test")), (done, total, msg) -> progress.add(msg));

        assertThat(d.status()).as(d.statusMessage()).isEqualTo(DeploymentStatus.HEALTHY);
        assertThat(d.version()).isEqualTo("2");
        assertThat(d.environment()).isEqualTo("staging");
        assertThat(d.template()).isEqualTo("command");
        assertThat(d.argv()).contains(String.valueOf(d.port()), "tiny-v2");
        assertThat(d.healthUrl()).isEqualTo("http://127.0.0.1:" + d.port() + "/health");
        assertThat(d.pid()).isNotNull();
        assertThat(ProcessHandle.of(d.pid()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(progress).isNotEmpty().last().isEqualTo("healthy");

        HealthResult h = f.deployments().health(d.id(), Duration.ofSeconds(5));
        assertThat(h.ok()).isTrue();
        assertThat(h.httpStatus()).isEqualTo(200);
        assertThat(h.body()).contains("\"ok\"");

        ApiDiscovery.Discovery api = f.deployments().discover(d.id(), null, Duration.ofSeconds(5));
        assertThat(api.api()).isEqualTo("openai");
        assertThat(api.probes().get("/v1/models").body()).contains("tiny-v2");

        Benchmark b = new Benchmarks(f.tracking).run(ACTOR,
                new BenchmarkRequest(d.endpoint(), "/v1/completions", "POST", List.of(), List.of("hello world"), 4,
                        List.of(2), Duration.ofSeconds(30), 200L, Duration.ofSeconds(10), d.model(), d.version(),
                        d.id()),
                (done, total, m) -> {
                });
        assertThat(b.status()).isEqualTo(Benchmark.COMPLETED);
        assertThat(b.levels().get(0).requests()).isEqualTo(200);
        assertThat(b.levels().get(0).errors()).isZero();
        assertThat(b.levels().get(0).completionTokens()).isEqualTo(800L);

        Deployment stopped = f.deployments().stop(ACTOR, d.id());
        assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(stopped.pid()).isNull();
        assertThat(ProcessHandle.of(d.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        JobLog.Tail logs = f.deployments().logs(d.id(), 50, "tiny model server");
        assertThat(logs.lines()).singleElement().asString().contains("tiny-v2");
        assertThat(store.audit().list(Long.MAX_VALUE, 100).toString()).contains("deployment.create")
                .doesNotContain(SECRET);
    }

    @Test
    void aServerThatExitsAtOnceIsFailedWithItsExitCodeAndLogTailAndSecretsRedacted() throws Exception {
        Deployment d = f.deployments().deploy(ACTOR,
                DeploymentFixture.request(List.of("/bin/sh", "-c",
                        "echo loading {model_path}; echo token is $HF_TOKEN; echo fatal: CUDA error >&2; exit 3"), null,
                        Map.of("HF_TOKEN", SECRET)),
                DeployProgress.NONE);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.statusMessage()).contains("exit code 3", "while starting", "fatal: CUDA error", "token is ***")
                .doesNotContain(SECRET);
        assertThat(f.deployments().logs(d.id(), 10, null).lines()).contains("loading /models/tiny/2")
                .noneMatch(l -> l.contains(SECRET));
        assertThat(d.pid()).isNull();
    }

    @Test
    void aHealthUrlThatNeverAnswers2xxMarksItUnhealthyAndLeavesItRunningUntilStopped() throws Exception {
        DeploymentRunner quick = Deployments.configure(f.tracking, DeploymentFixture.settings(tmp)
                .withTimings(Duration.ofSeconds(8), Duration.ofMillis(100), Duration.ofSeconds(3))).start();
        DeployRequest r = new DeployRequest(null, "tiny", "1", null, null, null, DeploymentFixture.tinyServer(), null,
                Map.of(), "/no-such-path", Duration.ofSeconds(90));
        Deployment d = f.deployments().deploy(ACTOR, r, DeployProgress.NONE);
        try {
            assertThat(d.status()).isEqualTo(DeploymentStatus.UNHEALTHY);
            assertThat(d.statusMessage()).contains("no 2xx answer from", "/no-such-path", "within 8 s");
            assertThat(ProcessHandle.of(d.pid()).map(ProcessHandle::isAlive)).contains(true);
            assertThat(f.deployments().stop(ACTOR, d.id()).status()).isEqualTo(DeploymentStatus.STOPPED);
            assertThat(f.deployments().stop(ACTOR, d.id()).status()).as("stopping twice is harmless")
                    .isEqualTo(DeploymentStatus.STOPPED);
        } finally {
            quick.stopAll("test end");
        }
    }

    @Test
    void afterARestartARunningDeploymentIsReattachedAndStoppableAndAGoneOneIsLost() throws Exception {
        Deployment d = f.deployments().deploy(ACTOR,
                DeploymentFixture.request(DeploymentFixture.tinyServer(), null, Map.of()), DeployProgress.NONE);
        assertThat(d.status()).isEqualTo(DeploymentStatus.HEALTHY);
        Deployment ghost = store.deployments()
                .create(new Deployment("ghost", "tiny", "1", null, "local", "process", "command", List.of("serve"), 1,
                        Map.of(), "http://127.0.0.1:1", "http://127.0.0.1:1/health", DeploymentStatus.HEALTHY, null,
                        999_999_999L, java.time.Instant.now(), null, 0, "ada", java.time.Instant.now(),
                        java.time.Instant.now()));

        DeploymentRunner second = f.restart();
        try {
            Deployment reattached = f.deployments().get(d.id());
            assertThat(reattached.status()).isEqualTo(DeploymentStatus.HEALTHY);
            assertThat(reattached.statusMessage()).contains("re-attached to pid " + d.pid());
            assertThat(second.running()).isEqualTo(1);
            Deployment lost = f.deployments().get(ghost.id());
            assertThat(lost.status()).isEqualTo(DeploymentStatus.LOST);
            assertThat(lost.statusMessage()).contains("999999999", "gone");

            Deployment stopped = f.deployments().stop(ACTOR, d.id());
            assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
            assertThat(ProcessHandle.of(d.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            Deployment again = f.deployments().start(ACTOR, d.id(), Duration.ofSeconds(90), DeployProgress.NONE);
            assertThat(again.status()).isEqualTo(DeploymentStatus.HEALTHY);
            assertThat(again.restarts()).isEqualTo(1);
            assertThat(again.port()).isEqualTo(d.port());
            assertThatThrownBy(() -> f.deployments().start(ACTOR, d.id(), Duration.ZERO, DeployProgress.NONE))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("restart_deployment");
        } finally {
            second.stopAll("test end");
        }
    }

    @Test
    void aPortInUseIsRefusedAndNamedWhileAnOmittedPortIsAllocated() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> f.deployments().deploy(ACTOR,
                    DeploymentFixture.request(DeploymentFixture.tinyServer(), taken.getLocalPort(), Map.of()),
                    DeployProgress.NONE)).isInstanceOf(ConflictException.class)
                            .hasMessageContaining("port " + taken.getLocalPort() + " is in use");
        }
        assertThat(f.deployments().count(null, null)).isZero();
    }

    @Test
    void badInputIsRefusedWithWhatToFix() {
        Deployments d = f.deployments();
        assertThatThrownBy(
                () -> d.deploy(ACTOR,
                        new DeployRequest(null, "tiny", "9", null, null, null, List.of("serve"), null, Map.of(), null,
                                null),
                        DeployProgress.NONE)).isInstanceOf(NotFoundException.class)
                                .hasMessageContaining("no version 9");
        assertThatThrownBy(() -> d.deploy(ACTOR,
                new DeployRequest(null, "tiny", "1", null, null, "nope", List.of(), null, Map.of(), null, null),
                DeployProgress.NONE)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("unknown template 'nope'").hasMessageContaining("vllm");
        assertThatThrownBy(() -> d.deploy(ACTOR, new DeployRequest(null, "tiny", "1", "production", null, null,
                List.of("serve"), null, Map.of(), null, null), DeployProgress.NONE))
                        .hasMessageContaining("propose_release_config");
        assertThatThrownBy(
                () -> d.deploy(ACTOR,
                        new DeployRequest(null, "tiny", "1", null, null, null, List.of("serve", "{weights}"), null,
                                Map.of(), null, null),
                        DeployProgress.NONE)).hasMessageContaining("unknown placeholder {weights}");
        assertThatThrownBy(() -> d.get("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> d.logs("nope", 10, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> d.probe("http://169.254.169.254/latest", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link-local");
        assertThat(d.count(null, null)).isZero();
    }

    @Test
    void theTemplatesCommandIsFilledWithTheVersionsPathAndPort() {
        ServingCommand vllm = ServingCommand.of("vllm", List.of(), null,
                new dev.observatory.core.release.Releases(f.tracking).templates());
        List<String> argv = vllm.fill(Map.of("model", "tiny", "version", "2", "model_path", "/models/tiny/2", "port",
                "8123", "gpu_count", "0", "gpus", ""));
        assertThat(argv).contains("/models/tiny/2", "8123", "tiny").noneMatch(a -> a.contains("{"));
        assertThat(vllm.healthPath()).isEqualTo("/health");
        assertThat(vllm.image()).contains("vllm");
    }

    @Test
    void theDockerRuntimeIsReportedUnavailableWhenNoDockerDaemonIsReachable() {
        assumeTrue(Deployments.dockerUnavailableReason() != null,
                "a docker daemon is reachable here; this test covers hosts without one");
        assertThatThrownBy(
                () -> f.deployments().deploy(ACTOR,
                        new DeployRequest(null, "tiny", "1", null, "docker", "vllm", List.of(), null, Map.of(), null,
                                null),
                        DeployProgress.NONE)).isInstanceOf(ConflictException.class)
                                .hasMessageContaining("docker is not available on this host");
        assertThat(f.deployments().count(null, null)).isZero();
    }

    @Test
    void readOnlyModeRefusesDeployingAndStopping() {
        DeploymentFixture ro = new DeploymentFixture(store, tmp.resolve("ro"), true, false);
        try {
            assertThatThrownBy(() -> ro.deployments().deploy(ACTOR,
                    DeploymentFixture.request(List.of("serve"), null, Map.of()), DeployProgress.NONE))
                            .isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> ro.deployments().stop(ACTOR, "any")).isInstanceOf(ReadOnlyException.class);
        } finally {
            ro.close();
        }
    }
}
