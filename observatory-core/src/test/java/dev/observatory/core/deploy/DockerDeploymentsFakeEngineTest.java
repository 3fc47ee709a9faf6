package dev.observatory.core.deploy;

import static dev.observatory.core.deploy.DeploymentFixture.ACTOR;
import static dev.observatory.core.deploy.DeploymentFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker runtime of deployments (create, start, followed logs, inspect, stop, remove, re-attachment by label)
 * through docker-java against {@link FakeEngineApi}, a RECORDED-PROTOCOL FAKE of the Docker Engine API: these tests
 * check Observatory's request shapes and its state handling of the documented answers. They are NOT tests against
 * Docker (no engine runs here); the real-engine tests are tagged {@code docker} and skipped without one.
 */
class DockerDeploymentsFakeEngineTest {
    static final String VLLM = "vllm/vllm-openai:latest";
    static final String PYTHON = "python:3.12-slim";

    @TempDir
    Path tmp;
    InMemoryStorage store;
    FakeEngineApi fake;
    DeploymentFixture f;

    @BeforeEach
    void open() throws IOException {
        store = new InMemoryStorage();
        fake = new FakeEngineApi(VLLM, PYTHON);
        f = new DeploymentFixture(store, tmp, false, true, fake.host());
    }

    @AfterEach
    void close() {
        f.close();
        fake.close();
        store.close();
    }

    static DeployRequest docker(String template, List<String> command, Map<String, String> env) {
        return new DeployRequest(null, "tiny", "champion", "staging", "docker", template, command, null, env, null,
                Duration.ofSeconds(30));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private FakeEngineApi.Box only() {
        assertThat(fake.boxes).hasSize(1);
        return fake.boxes.values().iterator().next();
    }

    @Test
    void fakeEngine_deployCreatesStartsFollowsAndStopsAContainerWithEnvOnlyInTheCreateBody() throws Exception {
        Deployment d = f.deployments().deploy(ACTOR, docker("vllm", List.of(), Map.of("HF_TOKEN", SECRET)),
                DeployProgress.NONE);

        assertThat(d.status()).as(d.statusMessage()).isEqualTo(DeploymentStatus.HEALTHY);
        assertThat(d.runtime()).isEqualTo("docker");
        assertThat(d.pid()).isNull();
        assertThat(d.argv()).startsWith("-p", "127.0.0.1:" + d.port() + ":8000").contains(VLLM, "-e", "HF_TOKEN",
                "--port", "8000", "/models/tiny/2");
        assertThat(d.argv().toString()).doesNotContain(SECRET);
        FakeEngineApi.Box box = only();
        assertThat(box.name).isEqualTo("observatory-" + d.id());
        assertThat(box.labels).containsEntry(DockerEngine.LABEL, d.id()).containsEntry(DockerEngine.MODEL_LABEL, "tiny")
                .containsEntry(DockerEngine.VERSION_LABEL, "2");
        FakeEngineApi.Call create = fake.calls("POST", "/containers/create").get(0);
        assertThat(create.query()).isEqualTo("name=observatory-" + d.id());
        assertThat(create.body()).contains("\"Image\":\"" + VLLM + "\"", "\"HF_TOKEN=" + SECRET + "\"", "\"8000/tcp\"",
                "\"HostIp\":\"127.0.0.1\"", "\"HostPort\":\"" + d.port() + "\"", "\"Tty\":false");
        assertThat(fake.calls("POST", "/start")).hasSize(1);
        assertThat(fake.calls("GET", "/logs")).extracting(FakeEngineApi.Call::query)
                .allSatisfy(q -> assertThat(q).contains("follow=true", "stdout=true", "stderr=true"));
        assertThat(d.statusMessage()).contains("healthy");

        DockerEngine.ContainerState state = f.deployments().container(d.id()).orElseThrow();
        assertThat(state.running()).isTrue();
        assertThat(state.id()).isEqualTo(box.id);
        assertThat(state.restartCount()).isZero();
        assertThat(fake.calls("GET", "/containers/" + box.id + "/json")).isNotEmpty();

        fake.print(box.id, "GET /v1/models 200");
        await(() -> f.deployments().logs(d.id(), 50, "v1/models").lines().size() == 1, "a line printed later");
        assertThat(f.deployments().logs(d.id(), 50, null).lines()).contains("token is ***")
                .anySatisfy(l -> assertThat(l).startsWith("starting python3 -m vllm.entrypoints.openai.api_server"))
                .noneMatch(l -> l.contains(SECRET));

        Deployment stopped = f.deployments().stop(ACTOR, d.id());
        assertThat(stopped.status()).as(stopped.statusMessage()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(fake.calls("POST", "/stop")).extracting(FakeEngineApi.Call::query).containsExactly("t=3");
        assertThat(fake.calls("DELETE", "/containers/" + box.id)).isNotEmpty();
        assertThat(fake.boxes).isEmpty();
        assertThat(f.deployments().container(d.id())).isEmpty();
        assertThat(store.audit().list(Long.MAX_VALUE, 100).toString()).doesNotContain(SECRET);

        Deployment again = f.deployments().start(ACTOR, d.id(), Duration.ofSeconds(30), DeployProgress.NONE);
        assertThat(again.status()).as(again.statusMessage()).isEqualTo(DeploymentStatus.HEALTHY);
        assertThat(again.restarts()).isEqualTo(1);
        assertThat(only().create.path("Image").asString()).isEqualTo(VLLM);
    }

    @Test
    void fakeEngine_aContainerThatExitsAtOnceIsFailedWithItsExitCodeAndRedactedLogTailAndRemoved() throws Exception {
        Deployment d = f.deployments().deploy(ACTOR, docker("custom", List.of("crash"), Map.of("HF_TOKEN", SECRET)),
                DeployProgress.NONE);

        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.statusMessage()).contains("exit code 3", "fatal: CUDA error", "token is ***")
                .doesNotContain(SECRET);
        assertThat(d.argv()).contains(PYTHON, "127.0.0.1:" + d.port() + ":8080");
        await(fake.boxes::isEmpty, "the exited container is removed");
    }

    @Test
    void fakeEngine_anImageTheEngineDoesNotHaveIsFailedSayingToBuildOrPullIt() throws Exception {
        Deployment d = f.deployments().deploy(ACTOR, docker("tgi", List.of(), Map.of()), DeployProgress.NONE);

        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.statusMessage()).contains("could not start", "is not on the Docker engine", "HTTP 404",
                "No such image", "trigger_docker_build", "docker pull").doesNotContain("Exception", "\tat ");
        assertThat(fake.boxes).isEmpty();
    }

    @Test
    void fakeEngine_aContainerNameAlreadyInUseIsReportedWithTheConflictAndWhatToDo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Instant now = Instant.now();
        store.deployments()
                .create(new Deployment("clash", "tiny", "1", null, "local", "docker", "custom",
                        List.of("-p", "127.0.0.1:" + port + ":8080", PYTHON, "serve"), port, Map.of(),
                        "http://127.0.0.1:" + port, "http://127.0.0.1:" + port + "/health", DeploymentStatus.STOPPED,
                        null, null, null, null, 0, "ada", now, now));
        fake.addForeign("observatory-clash");

        Deployment d = f.deployments().start(ACTOR, "clash", Duration.ofSeconds(10), DeployProgress.NONE);

        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.statusMessage()).contains("already exists", "HTTP 409", "docker rm -f observatory-clash");
    }

    @Test
    void fakeEngine_afterARestartARunningContainerIsReattachedByLabelAndAnExitedOneFailedWithItsTail()
            throws Exception {
        Deployment a = f.deployments().deploy(ACTOR, docker("vllm", List.of(), Map.of()), DeployProgress.NONE);
        Deployment b = f.deployments().deploy(ACTOR, docker("vllm", List.of(), Map.of()), DeployProgress.NONE);
        assertThat(List.of(a.status(), b.status())).containsOnly(DeploymentStatus.HEALTHY);
        String boxA = fake.boxes.values().stream().filter(x -> x.name.endsWith(a.id())).findFirst().orElseThrow().id;
        String boxB = fake.boxes.values().stream().filter(x -> x.name.endsWith(b.id())).findFirst().orElseThrow().id;

        f.runner.close();
        fake.print(boxB, "last words");
        fake.exit(boxB, 2);
        DeploymentRunner second = f.restart();
        try {
            assertThat(fake.calls("GET", "/containers/json")).extracting(FakeEngineApi.Call::query)
                    .anySatisfy(q -> assertThat(q).contains("all=true", DockerEngine.LABEL));
            Deployment reattached = f.deployments().get(a.id());
            assertThat(reattached.status()).isEqualTo(DeploymentStatus.HEALTHY);
            assertThat(reattached.statusMessage()).contains("re-attached to container observatory-" + a.id());
            assertThat(second.running()).isEqualTo(1);
            Deployment failed = f.deployments().get(b.id());
            assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(failed.statusMessage()).contains("exited while the server was down", "exit code 2",
                    "last words");
            assertThat(fake.boxes).containsOnlyKeys(boxA);

            fake.print(boxA, "after the restart");
            await(() -> f.deployments().logs(a.id(), 50, "after the restart").lines().size() == 1,
                    "output of a re-attached container is captured again");
            assertThat(f.deployments().stop(ACTOR, a.id()).status()).isEqualTo(DeploymentStatus.STOPPED);
            assertThat(fake.boxes).isEmpty();
        } finally {
            second.stopAll("test end");
        }
    }

    @Test
    void fakeEngine_anEngineThatStopsAnsweringMidDeploymentMarksItLostWithTheReason() throws Exception {
        Deployment d = f.deployments().deploy(ACTOR, docker("vllm", List.of(), Map.of()), DeployProgress.NONE);
        assertThat(d.status()).isEqualTo(DeploymentStatus.HEALTHY);

        fake.stopAnswering();
        await(() -> f.deployments().get(d.id()).status() == DeploymentStatus.LOST, "lost once the engine is gone");

        Deployment lost = f.deployments().get(d.id());
        assertThat(lost.statusMessage()).contains("lost contact with the Docker engine at " + fake.host(),
                "may still run");
        assertThat(f.deployments().stop(ACTOR, d.id()).status()).isEqualTo(DeploymentStatus.LOST);
    }

    @Test
    void fakeEngine_overAUnixSocketLikeDockersDefaultTheDeploymentRunsAndStops() throws Exception {
        int tcpPort = Integer.parseInt(fake.host().substring(fake.host().lastIndexOf(':') + 1));
        try (UnixSocketRelay relay = new UnixSocketRelay(tmp.resolve("docker.sock"), tcpPort)) {
            DeploymentFixture unix = new DeploymentFixture(store, tmp.resolve("unix"), false, false, relay.host());
            try {
                assertThat(Deployments.dockerUnavailableReason(relay.host())).isNull();
                Deployment d = unix.deployments().deploy(ACTOR, docker("vllm", List.of(), Map.of()),
                        DeployProgress.NONE);
                assertThat(d.status()).as(d.statusMessage()).isEqualTo(DeploymentStatus.HEALTHY);
                assertThat(unix.deployments().stop(ACTOR, d.id()).status()).isEqualTo(DeploymentStatus.STOPPED);
                assertThat(fake.boxes).isEmpty();
            } finally {
                unix.close();
            }
        }
    }

    @Test
    void fakeEngine_healthCheckReportsTheRunnersEngineOkAndAnEngineThatDoesNotAnswerDown() throws IOException {
        assertThat(SystemHealth.check(f.tracking)).filteredOn(c -> c.name().equals("docker")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("ok"))
                .satisfies(c -> assertThat(c.detail()).contains(fake.host()));
        fake.stopAnswering();
        assertThat(SystemHealth.check(f.tracking)).filteredOn(c -> c.name().equals("docker")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("down"))
                .satisfies(c -> assertThat(c.detail()).contains("does not answer"));
    }

    @Test
    void noEngineRefusesTheDockerRuntimeWithTheReasonAndRecordsNothing() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DeploymentFixture none = new DeploymentFixture(store, tmp.resolve("none"), false, false,
                "tcp://127.0.0.1:" + closed);
        try {
            assertThat(Deployments.dockerUnavailableReason("tcp://127.0.0.1:" + closed))
                    .startsWith("docker is not available on this host: the Docker engine at tcp://127.0.0.1:" + closed
                            + " does not answer")
                    .endsWith("use runtime=process");
            assertThatThrownBy(
                    () -> none.deployments().deploy(ACTOR, docker("vllm", List.of(), Map.of()), DeployProgress.NONE))
                            .isInstanceOf(ConflictException.class)
                            .hasMessageContaining("docker is not available on this host");
            assertThatThrownBy(() -> none.deployments().deploy(ACTOR, docker(null, List.of("serve"), Map.of()),
                    DeployProgress.NONE)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("needs a template with an image");
            assertThat(none.deployments().count(null, null)).isZero();
        } finally {
            none.close();
        }
    }
}
