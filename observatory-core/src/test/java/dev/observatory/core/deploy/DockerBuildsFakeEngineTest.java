package dev.observatory.core.deploy;

import static dev.observatory.core.deploy.DeploymentFixture.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trigger_docker_build, cancel_docker_build and get_docker_disk_usage with an engine: docker-java against
 * {@link FakeEngineApi}, a RECORDED-PROTOCOL FAKE of the Docker Engine API ({@code POST /build} with a tar context and
 * JSON progress lines, image inspect, system df). These check the request shapes and the handling of the documented
 * answers; they are NOT tests against Docker.
 */
class DockerBuildsFakeEngineTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path tmp;
    InMemoryStorage store;
    FakeEngineApi fake;
    DeploymentFixture f;
    Path context;

    @BeforeEach
    void open() throws IOException {
        store = new InMemoryStorage();
        fake = new FakeEngineApi();
        f = new DeploymentFixture(store, tmp.resolve("data"), false, false, fake.host());
        context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("MANIFEST"), "tiny\n");
        Files.writeString(context.resolve("secret.env"), "TOKEN=4711\n");
        Files.writeString(context.resolve(".dockerignore"), "secret.env\n");
    }

    @AfterEach
    void close() {
        f.close();
        fake.close();
        store.close();
    }

    Builds builds() {
        return new Builds(f.tracking);
    }

    BuildRequest docker(String dockerfile, Duration wait) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        return new BuildRequest("observatory-test/tiny:1", "docker", context.toString(), List.of(), null, null, null,
                Map.of(), wait);
    }

    @Test
    void fakeEngine_buildSendsTheContextTarWithoutDockerignoredFilesStreamsTheLogAndRecordsTheImageSize()
            throws Exception {
        Build b = builds().trigger(ACTOR, docker("FROM scratch\nCOPY MANIFEST /MANIFEST\n", WAIT));

        assertThat(b.status()).as(b.statusMessage()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(b.sizeBytes()).isEqualTo(4242L);
        assertThat(b.exitCode()).isZero();
        assertThat(b.argv()).containsExactly("POST /build", "t=observatory-test/tiny:1", "dockerfile=Dockerfile");
        FakeEngineApi.Call call = fake.calls("POST", "/build").get(0);
        assertThat(call.query())
                .contains("t=observatory-test/tiny:1",
                        "labels={\"" + EngineBuild.BUILD_LABEL + "\":\"" + b.id() + "\"}")
                .as("Dockerfile at the root is the engine's default").doesNotContain("dockerfile=");
        assertThat(fake.buildContexts.get(0)).contains("Dockerfile", "MANIFEST").doesNotContain("secret.env");
        assertThat(builds().logs(b.id(), 50, null).lines()).contains("Step 1/2 : FROM scratch",
                "Step 2/2 : COPY MANIFEST /MANIFEST", "Successfully tagged observatory-test/tiny:1");
        assertThat(fake.calls("GET", "/images/observatory-test/tiny:1/json")).hasSize(1);
    }

    @Test
    void fakeEngine_anErrorMessageInTheBuildStreamFailsTheBuildWithTheEnginesReason() throws Exception {
        Files.createDirectories(context.resolve("build"));
        Files.writeString(context.resolve("build/Fail.Dockerfile"), "FROM scratch\nRUN exit 7\n");
        Build b = builds().trigger(ACTOR, new BuildRequest("observatory-test/tiny:2", "docker", context.toString(),
                List.of(), "build/Fail.Dockerfile", null, null, Map.of(), WAIT));

        assertThat(fake.calls("POST", "/build").get(0).query()).contains("dockerfile=build/Fail.Dockerfile");
        assertThat(b.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(b.statusMessage()).contains("returned a non-zero code: 7", "Step 2/2 : RUN exit 7");
        assertThat(b.sizeBytes()).isNull();
    }

    @Test
    void fakeEngine_cancelClosesTheBuildStreamSoTheEngineSeesTheClientGoAndTheBuildIsCancelled() throws Exception {
        Build running = builds().trigger(ACTOR, docker("FROM scratch\nRUN sleep 600\n", Duration.ofSeconds(1)));
        assertThat(running.status()).isEqualTo(BuildStatus.RUNNING);
        DockerDeploymentsFakeEngineTest.await(
                () -> builds().logs(running.id(), 50, "Running in 4711").lines().size() >= 2,
                "the build's lines reach its log while it runs");

        Build cancelled = builds().cancel(ACTOR, running.id());

        assertThat(cancelled.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(cancelled.statusMessage()).contains("cancelled by ada", "Docker engine cancel");
        DockerDeploymentsFakeEngineTest.await(() -> fake.buildsDropped.contains("observatory-test/tiny:1"),
                "the engine sees the client drop the build's connection");
    }

    @Test
    void fakeEngine_aBuildRunningWhenTheServerStopsIsRecordedInterruptedAndTheEngineSeesTheConnectionDrop()
            throws Exception {
        Build running = builds().trigger(ACTOR, docker("FROM scratch\nRUN sleep 600\n", Duration.ofMillis(500)));
        assertThat(running.status()).isEqualTo(BuildStatus.RUNNING);

        f.runner.close();

        DockerDeploymentsFakeEngineTest.await(
                () -> store.builds().get(running.id()).orElseThrow().status() == BuildStatus.LOST,
                "recorded lost when the server stops");
        assertThat(store.builds().get(running.id()).orElseThrow().statusMessage()).contains("interrupted",
                "server stopped", "engine cancels");
        DockerDeploymentsFakeEngineTest.await(() -> fake.buildsDropped.contains("observatory-test/tiny:1"),
                "the engine sees the connection drop");
    }

    @Test
    void fakeEngine_aDockerfileOutsideTheContextOrMissingIsRefused() throws IOException {
        assertThatThrownBy(() -> builds().trigger(ACTOR,
                new BuildRequest("tiny:1", "docker", context.toString(), List.of(), "../Dockerfile", null, null,
                        Map.of(), WAIT))).isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining("inside the context");
        assertThatThrownBy(() -> builds().trigger(ACTOR,
                new BuildRequest("tiny:1", "docker", context.toString(), List.of(), null, null, null, Map.of(), WAIT)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dockerfile is not a file");
        assertThat(builds().count(null, null)).isZero();
    }

    @Test
    void fakeEngine_diskUsageReportsTheEnginesSystemDf() {
        DiskUsage u = builds().diskUsage();

        assertThat(u.dockerUnavailable()).isNull();
        assertThat(u.dockerDf()).contains("{\"Type\":\"Images\",\"TotalCount\":2,\"SizeBytes\":1000}",
                "{\"Type\":\"Build Cache\",\"TotalCount\":1,\"SizeBytes\":77}");
        assertThat(fake.calls("GET", "/system/df")).hasSize(1);
    }
}
