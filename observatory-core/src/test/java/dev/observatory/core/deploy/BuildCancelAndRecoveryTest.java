package dev.observatory.core.deploy;

import static dev.observatory.core.deploy.DeploymentFixture.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.job.JobProcess;
import dev.observatory.core.job.LocalProcessExecutor;
import dev.observatory.model.AuditEvent;
import dev.observatory.model.Ids;
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildStatus;
import dev.observatory.model.job.JobSpec;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cancel_docker_build's service and the recovery of builds a previous server life left running, with real processes:
 * the "previous life" is a build record plus a pid file written the way the launcher writes them and a real process
 * started through the local executor.
 */
class BuildCancelAndRecoveryTest {
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

    static void awaitFile(Path p) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(p); i++) {
            Thread.sleep(50);
        }
        assertThat(p).exists();
    }

    static void assertEnds(long pid) throws Exception {
        var h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void cancellingARunningBuildStopsItsWholeProcessGroupAndRecordsItCancelled() throws Exception {
        Build b = builds().trigger(ACTOR,
                new BuildRequest("slow", "package", context.toString(),
                        List.of("sh", "-c", "sleep 60 & echo $! > child.pid; wait"), null, null, null, Map.of(),
                        Duration.ZERO));
        assertThat(b.status()).isEqualTo(BuildStatus.RUNNING);
        awaitFile(context.resolve("child.pid"));
        long child = Long.parseLong(Files.readString(context.resolve("child.pid")).trim());
        assertThat(BuildRecovery.pidFile(b)).exists();

        Build cancelled = builds().cancel(ACTOR, b.id());

        assertThat(cancelled.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(cancelled.statusMessage()).contains("cancelled by ada");
        assertEnds(child);
        assertThat(BuildRecovery.pidFile(b)).doesNotExist();
        assertThat(builds().cancel(ACTOR, b.id())).isEqualTo(cancelled);
        assertThat(store.audit().list(Long.MAX_VALUE, 100)).extracting(AuditEvent::action).contains("build.cancel");
    }

    /** A RUNNING record with a pid file, as the launcher of a previous server life leaves it. */
    Build previousLife(JobProcess p) throws IOException {
        Path logs = Files.createDirectories(Builds.buildLogDir(f.runner.settings()));
        String id = Ids.newId();
        Build b = store.builds()
                .create(new Build(id, "old", "package", context.toString(), null, List.of("sleep", "60"), null,
                        BuildStatus.RUNNING, "running", null, logs.resolve(id + ".log").toString(), null, "ada",
                        Instant.now(), null));
        if (p != null) {
            BuildRecovery.writePidFile(b, p);
        }
        return b;
    }

    @Test
    void aBuildStillRunningAtARestartIsReattachedAndCanBeCancelled() throws Exception {
        JobProcess p = new LocalProcessExecutor().launch(new JobSpec(List.of("sleep", "60"), context.toString(),
                Map.of(), "local", null, false, null, null, null), context);
        Build b = previousLife(p);
        BuildLauncher.RUNNING.remove(b.id());

        f.restart();

        assertThat(store.builds().get(b.id()).orElseThrow().status()).isEqualTo(BuildStatus.RUNNING);
        assertThat(builds().get(b.id()).status()).isEqualTo(BuildStatus.RUNNING);
        assertThat(store.audit().list(Long.MAX_VALUE, 100)).extracting(AuditEvent::action).contains("build.reattached");
        Build cancelled = builds().cancel(ACTOR, b.id());
        assertThat(cancelled.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(cancelled.statusMessage()).contains("re-attached");
        assertEnds(p.pid());
    }

    @Test
    void aBuildWhoseProcessIsGoneAtARestartIsMarkedInterruptedNotLeftRunning() throws Exception {
        JobProcess p = new LocalProcessExecutor().launch(
                new JobSpec(List.of("true"), context.toString(), Map.of(), "local", null, false, null, null, null),
                context);
        p.exit().get(10, TimeUnit.SECONDS);
        Build withPid = previousLife(p);
        Build withoutPid = previousLife(null);

        f.restart();

        for (Build b : List.of(withPid, withoutPid)) {
            Build stored = store.builds().get(b.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(BuildStatus.LOST);
            assertThat(stored.statusMessage()).startsWith("interrupted");
        }
        assertThat(BuildRecovery.pidFile(withPid)).doesNotExist();
    }
}
