package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.model.job.NewJob;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting rules (roots, read-only, argv without a shell), the concurrency limit, and recovery after a restart. */
class JobLifecycleTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAWorkingDirectoryOutsideTheJobRoots() {
        try (JobFixture f = new JobFixture(tmp, 2)) {
            JobSpec outside = new JobSpec(List.of("true"), tmp.toString(), Map.of(), "local", null, false, null, null,
                    GuardrailSpec.none());
            assertThatThrownBy(
                    () -> f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "x", outside)))
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the job roots");
            JobSpec escape = new JobSpec(List.of("true"), f.workDir("a") + "/../..", Map.of(), "local", null, false,
                    null, null, GuardrailSpec.none());
            assertThatThrownBy(() -> f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "x", escape)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(f.store.jobs().count(dev.observatory.model.job.JobQuery.all(1))).isZero();
        }
    }

    @Test
    void refusesToStartOrStopJobsInReadOnlyMode() {
        try (JobFixture f = new JobFixture(tmp, 2, true)) {
            JobSpec spec = new JobSpec(List.of("true"), f.workDir("a").toString(), Map.of(), "local", null, false, null,
                    null, GuardrailSpec.none());
            assertThatThrownBy(() -> f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "x", spec)))
                    .isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> f.jobs.stop(JobFixture.ALICE, "0123456789abcdef"))
                    .isInstanceOf(ReadOnlyException.class);
        }
    }

    @Test
    void passesArgumentsWithoutAShellAndRecordsANonZeroExitAsFailed() {
        try (JobFixture f = new JobFixture(tmp, 2)) {
            JobSpec spec = new JobSpec(
                    List.of("/bin/sh", "-c", "echo \"$1\"; echo 'Error: bad batch 17' >&2; exit 3", "sh",
                            "a b; echo injected"),
                    f.workDir("sh").toString(), Map.of(), "local", null, false, null, null, GuardrailSpec.none());
            Job job = f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "sh", spec));
            Job ended = f.awaitEnd(job.id());

            assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
            assertThat(ended.exitCode()).isEqualTo(3);
            assertThat(ended.failure()).isEqualTo("error");
            assertThat(ended.errorSignature()).isEqualTo("Error: bad batch <n>");
            assertThat(f.jobs.logs(job.id(), 10, null).lines()).containsExactly("a b; echo injected",
                    "Error: bad batch 17");
        }
    }

    @Test
    void queuesJobsBeyondTheConcurrencyLimitAndStartsThemWhenASlotFrees() {
        try (JobFixture f = new JobFixture(tmp, 1)) {
            JobSpec slow = new JobSpec(List.of("sleep", "0.5"), f.workDir("a").toString(), Map.of(), "local", null,
                    false, null, null, GuardrailSpec.none());
            Job first = f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "first", slow));
            Job second = f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "second", slow));

            assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(second.status()).isEqualTo(JobStatus.PENDING);
            assertThat(f.awaitEnd(second.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(f.jobs.get(second.id()).startedAt()).isAfterOrEqualTo(f.jobs.get(first.id()).endedAt());
            assertThat(f.jobs.events(second.id(), 10)).extracting(JobEvent::kind).containsSequence("queued", "started");
        }
    }

    @Test
    void marksRunningJobsWhoseProcessIsGoneAsLostAndReattachesLiveOnes() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Process alive = new ProcessBuilder("sleep", "30").start();
        try (JobFixture before = new JobFixture(tmp, 2)) {
            Tracking t = before.tracking;
            Job gone = recordRunning(before, dead.pid(), Instant.now());
            Job living = recordRunning(before, alive.pid(), alive.info().startInstant().orElseThrow());

            JobRunner restarted = Jobs.configure(t, before.settings).start();

            assertThat(before.jobs.get(gone.id()).status()).isEqualTo(JobStatus.LOST);
            assertThat(before.jobs.get(gone.id()).failure()).isEqualTo("lost");
            assertThat(before.jobs.get(living.id()).status()).isEqualTo(JobStatus.RUNNING);
            assertThat(before.jobs.events(living.id(), 5)).extracting(JobEvent::kind).contains("reattached");
            assertThat(restarted.running()).isEqualTo(1);

            alive.destroy();
            Job ended = before.awaitEnd(living.id());
            assertThat(ended.status()).isEqualTo(JobStatus.LOST);
            assertThat(ended.exitCode()).isNull();
            restarted.close();
        } finally {
            alive.destroyForcibly();
        }
    }

    @Test
    void sendsSigusr1FirstWhenAskedSoTheProgramCanSaveACheckpointThenSigterm() {
        try (JobFixture f = new JobFixture(tmp, 2)) {
            GuardrailSpec g = new GuardrailSpec(List.of(), true, 0, 0, 0, "loss", 0, List.of(), true, 300);
            JobSpec spec = new JobSpec(
                    List.of("/bin/sh", "-c",
                            "trap 'echo saved checkpoint on USR1' USR1;"
                                    + " echo step 1 loss 0.5; echo step 2 loss nan; while true; do sleep 0.05; done"),
                    f.workDir("usr1").toString(), Map.of(), "local", null, false, null, null, g);
            Job job = f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "usr1", spec));
            Job ended = f.awaitEnd(job.id());

            assertThat(ended.status()).isEqualTo(JobStatus.GUARDRAIL_STOPPED);
            assertThat(ended.guardrail().guardrail()).isEqualTo("nan");
            assertThat(ended.guardrail().signalledAt()).isAfterOrEqualTo(ended.guardrail().firedAt().plusMillis(300));
            assertThat(f.jobs.logs(job.id(), 10, "USR1").lines()).containsExactly("saved checkpoint on USR1");
            assertThat(f.jobs.events(job.id(), 20)).extracting(JobEvent::message)
                    .anySatisfy(m -> assertThat(m).startsWith("SIGUSR1 sent"))
                    .anySatisfy(m -> assertThat(m).startsWith("SIGTERM sent (guardrail, after SIGUSR1)"));
        }
    }

    private static Job recordRunning(JobFixture f, long pid, Instant processStart) {
        Run run = f.tracking.createRun(JobFixture.ALICE, NewRun.of("vision", "old-" + pid));
        JobSpec spec = new JobSpec(List.of("sleep", "30"), f.workDir("old").toString(), Map.of(), "local", null, false,
                null, null, GuardrailSpec.none());
        Job j = f.store.jobs().create(new NewJob("vision", run.id(), "old", spec));
        return f.store.jobs().update(j.id(), JobUpdate.started(pid, processStart, Instant.now(), null));
    }
}
