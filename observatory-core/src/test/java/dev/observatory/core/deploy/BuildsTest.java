package dev.observatory.core.deploy;

import static dev.observatory.core.deploy.DeploymentFixture.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.job.JobLog;
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds run as real processes through the local executor: the committed script packs the tiny model server. */
class BuildsTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path tmp;
    InMemoryStorage store;
    DeploymentFixture f;
    Path context;

    @BeforeEach
    void open() throws IOException {
        store = new InMemoryStorage();
        f = new DeploymentFixture(store, tmp.resolve("data"), false, false);
        context = Files.createDirectories(tmp.resolve("ctx"));
    }

    @AfterEach
    void close() {
        f.close();
        store.close();
    }

    Builds builds() {
        return new Builds(f.tracking);
    }

    static String script() {
        try {
            return Path.of(BuildsTest.class.getResource("/builds/package-server.sh").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    BuildRequest packageServer(Map<String, String> env) {
        return new BuildRequest("tiny-model-server:1", "package", context.toString(),
                List.of("sh", script(), DeploymentFixture.serverSource().toString(), "out/tiny-server.tar.gz"), null,
                "vllm", "out/tiny-server.tar.gz", env, WAIT);
    }

    @Test
    void packagesTheTinyModelServerIntoATarRecordingStatusDurationSizeAndARedactedLog() throws Exception {
        Build b = builds().trigger(ACTOR, packageServer(Map.of("REGISTRY_TOKEN", "tok-4711-secret")));

        assertThat(b.status()).as(b.statusMessage()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(b.exitCode()).isZero();
        Path archive = context.resolve("out/tiny-server.tar.gz");
        assertThat(b.sizeBytes()).isEqualTo(Files.size(archive)).isPositive();
        assertThat(b.template()).isEqualTo("vllm");
        assertThat(b.finishedAt()).isNotNull();
        assertThat(b.duration(b.finishedAt())).isPositive();
        Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(tar.getInputStream().readAllBytes())).contains("Server.java", "MANIFEST");

        JobLog.Tail log = builds().logs(b.id(), 50, null);
        assertThat(log.lines()).contains("wrote out/tiny-server.tar.gz").noneMatch(l -> l.contains("tok-4711"));
        assertThat(builds().logs(b.id(), 50, "^packaging").lines()).hasSize(1);
        assertThat(builds().get(b.id())).isEqualTo(b);
        assertThat(builds().list("tiny-model-server:1", BuildStatus.SUCCEEDED, 10, 0)).containsExactly(b);
        assertThat(store.audit().list(Long.MAX_VALUE, 10)).anyMatch(e -> e.action().equals("build.trigger"));
    }

    @Test
    void aFailingCommandEndsFailedWithItsExitCodeAndLogTail() throws Exception {
        Build b = builds().trigger(ACTOR,
                new BuildRequest("broken", "package", context.toString(),
                        List.of("sh", "-c", "echo compiling; echo 'error: missing weights' >&2; exit 3"), null, null,
                        null, Map.of(), WAIT));
        assertThat(b.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(b.exitCode()).isEqualTo(3);
        assertThat(b.statusMessage()).contains("code 3", "error: missing weights");
        assertThat(b.sizeBytes()).isNull();
    }

    @Test
    void aCommandThatCannotStartFailsSayingWhy() throws Exception {
        Build b = builds().trigger(ACTOR, new BuildRequest("nothing", "package", context.toString(),
                List.of(tmp.resolve("no-such-program").toString()), null, null, null, Map.of(), WAIT));
        assertThat(b.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(b.statusMessage()).containsAnyOf("could not start", "No such file");
    }

    @Test
    void withoutWaitingTheBuildIsReturnedRunningAndCanBeAwaited() throws Exception {
        BuildRequest r = packageServer(Map.of());
        Build running = builds().trigger(ACTOR, new BuildRequest(r.name(), r.kind(), r.context(), r.command(), null,
                null, r.output(), Map.of(), Duration.ZERO));
        assertThat(running.status()).isIn(BuildStatus.RUNNING, BuildStatus.SUCCEEDED);
        assertThat(builds().await(running.id(), WAIT).status()).isEqualTo(BuildStatus.SUCCEEDED);
    }

    @Test
    void badRequestsAreRefusedWithWhatToFix() {
        assertThatThrownBy(() -> builds().trigger(ACTOR,
                new BuildRequest("x", "package", tmp.resolve("missing").toString(), List.of("true"), null, null, null,
                        Map.of(), WAIT))).isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining("not an existing directory");
        assertThatThrownBy(() -> builds().trigger(ACTOR,
                new BuildRequest("x", "package", context.toString(), List.of(), null, null, null, Map.of(), WAIT)))
                        .hasMessageContaining("needs a command");
        assertThatThrownBy(() -> builds().trigger(ACTOR,
                new BuildRequest("x", "rpm", context.toString(), List.of("true"), null, null, null, Map.of(), WAIT)))
                        .hasMessageContaining("package or docker");
        assertThatThrownBy(
                () -> builds()
                        .trigger(ACTOR,
                                new BuildRequest("x", "package", context.toString(), List.of("true"), null,
                                        "no-such-template", null, Map.of(), WAIT)))
                                                .hasMessageContaining("unknown template");
        assertThatThrownBy(() -> builds().trigger(ACTOR, new BuildRequest("x", "package", context.toString(),
                List.of("true"), null, null, "/etc/passwd", Map.of(), WAIT))).hasMessageContaining("relative");
        assertThatThrownBy(() -> builds().get("nope")).isInstanceOf(NotFoundException.class);
        assertThat(builds().count(null, null)).isZero();
    }

    @Test
    void aBuildRecordedAsRunningByAnEarlierServerIsReportedLost() {
        Build orphan = store.builds()
                .create(new Build("b-old", "x", "package", context.toString(), null, List.of("true"), null,
                        BuildStatus.RUNNING, "running", null, null, null, "ada", f.tracking.clock().instant(), null));
        assertThat(builds().get(orphan.id()).status()).isEqualTo(BuildStatus.LOST);
    }

    @Test
    void diskUsageCountsBuildLogsAndOutputsWithoutADockerEngine() throws Exception {
        Build b = builds().trigger(ACTOR, packageServer(Map.of()));
        DiskUsage u = builds().diskUsage();
        assertThat(u.entries()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("build_outputs");
            assertThat(e.bytes()).isEqualTo(b.sizeBytes());
        }).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("build_logs");
            assertThat(e.bytes()).isEqualTo(Files.size(Path.of(b.logPath())));
        });
        assertThat(u.totalBytes()).isGreaterThanOrEqualTo(b.sizeBytes());
        if (Deployments.dockerUnavailableReason() != null) {
            assertThat(u.dockerUnavailable()).contains("docker is not available");
            assertThat(u.dockerDf()).isEmpty();
        }
    }

    @Test
    void readOnlyModeRefusesBuilds() {
        DeploymentFixture ro = new DeploymentFixture(store, tmp.resolve("ro"), true, false);
        try {
            assertThatThrownBy(() -> new Builds(ro.tracking).trigger(ACTOR, packageServer(Map.of())))
                    .isInstanceOf(ReadOnlyException.class);
        } finally {
            ro.close();
        }
    }

    @Test
    void dockerBuildsAreRefusedWithTheReasonWhereNoDockerEngineAnswers() {
        assumeTrue(Deployments.dockerUnavailableReason() != null,
                "a docker engine answers here; this test covers hosts without one");
        assertThatThrownBy(() -> builds().trigger(ACTOR,
                new BuildRequest("tiny:1", "docker", context.toString(), List.of(), null, null, null, Map.of(), WAIT)))
                        .isInstanceOf(ConflictException.class)
                        .hasMessageContaining("docker is not available on this host");
        assertThat(builds().count(null, null)).isZero();
    }

    @Test
    @Tag("docker")
    void buildsADockerImageAndRecordsItsSizeWhereADockerEngineAnswers() throws Exception {
        assumeTrue(Deployments.dockerUnavailableReason() == null,
                "skipped: no docker engine is reachable on this host (" + Deployments.dockerUnavailableReason() + ")");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY MANIFEST /MANIFEST\n");
        Files.writeString(context.resolve("MANIFEST"), "tiny\n");
        Build b = builds().trigger(ACTOR, new BuildRequest("observatory-test/tiny:1", "docker", context.toString(),
                List.of(), null, null, null, Map.of(), WAIT));
        assertThat(b.status()).as(b.statusMessage()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(b.sizeBytes()).isNotNull();
    }
}
