package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.Run;
import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobResources;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.model.job.NewJob;
import dev.observatory.store.JobStore;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs: specs kept exactly, in-place updates, filters, newest-first order, the append-only event history. */
abstract class JobContract extends StorageFixture {

    JobStore jobs;
    Run run;
    Run other;

    @BeforeEach
    void jobs() {
        jobs = storage.jobs();
        project("vision");
        project("nlp");
        run = run("vision", "resnet");
        other = run("nlp", "bert");
    }

    static JobSpec spec(String... argv) {
        GuardrailSpec g = new GuardrailSpec(List.of("loss"), true, 2, 30, 5, "loss", 10,
                List.of(GuardrailRule.parse("grad_norm > 100 for 3 steps")), true, 1500);
        return new JobSpec(List.of(argv), "/data/jobs/a", Map.of("EPOCHS", "3", "HF_TOKEN", "hf_secret"), "local",
                new JobResources(2, "h100", 8, 64), false, 1000L, Map.of("lr", "0.001", "batch_size", "32"), g);
    }

    Job create(Run r, String name) {
        return jobs.create(new NewJob(r.project(), r.id(), name, spec("python3", "train.py", "--lr", "0.001")));
    }

    @Test
    void createsAPendingJobAndReadsItsSpecBackExactly() {
        Job j = create(run, "train-resnet");

        assertThat(j.id()).matches("[0-9a-f]{16}");
        assertThat(j.status()).isEqualTo(JobStatus.PENDING);
        assertThat(j.project()).isEqualTo("vision");
        assertThat(j.runId()).isEqualTo(run.id());
        assertThat(j.name()).isEqualTo("train-resnet");
        assertThat(j.pid()).isNull();
        assertThat(j.exitCode()).isNull();
        assertThat(j.startedAt()).isNull();
        assertThat(j.createdAt()).isNotNull();
        Job read = jobs.get(j.id()).orElseThrow();
        assertThat(read).isEqualTo(j);
        assertThat(read.spec()).isEqualTo(spec("python3", "train.py", "--lr", "0.001"));
        assertThat(read.spec().guardrails().rules().get(0).forSteps()).isEqualTo(3);
        assertThat(read.spec().resources().gpuType()).isEqualTo("h100");
    }

    @Test
    void keepsTheTrainingConfigAJobStartedWithThroughUpdates() {
        Job j = jobs.create(
                new NewJob(run.project(), run.id(), "with-config", spec("python3", "train.py"), "lora-base", 3));
        jobs.update(j.id(), JobUpdate.started(4242, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000), "/l"));

        Job read = jobs.get(j.id()).orElseThrow();
        assertThat(read.configName()).isEqualTo("lora-base");
        assertThat(read.configVersion()).isEqualTo(3);
        assertThat(read.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(create(run, "plain").configName()).isNull();
        assertThat(jobs.get(create(run, "plain2").id()).orElseThrow().configVersion()).isNull();
    }

    @Test
    void refusesAJobOfAnUnknownRun() {
        assertThatThrownBy(() -> jobs.create(new NewJob("vision", "0000000000000000", "x", spec("true"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updatesOnlyTheGivenFieldsAndKeepsGuardrailEvidenceWithNaN() {
        Job j = create(run, "train");
        Instant started = Instant.parse("2026-01-02T03:04:05.678Z");
        jobs.update(j.id(), JobUpdate.started(4242, started.minusMillis(5), started, "/data/jobs/logs/x.log"));
        GuardrailEvent evidence = new GuardrailEvent("nan", "loss became NaN at step 300", 300L,
                List.of("step 299 loss 0.41", "step 300 loss nan"), Map.of("loss", Double.NaN, "previous", 0.41),
                started.plusSeconds(60), started.plusSeconds(60).plusMillis(3));
        jobs.update(j.id(), JobUpdate.guardrail(evidence));
        Job ended = jobs.update(j.id(),
                JobUpdate.ended(JobStatus.GUARDRAIL_STOPPED, -15, started.plusSeconds(61), "nan", "loss became nan"));

        assertThat(ended.status()).isEqualTo(JobStatus.GUARDRAIL_STOPPED);
        assertThat(ended.pid()).isEqualTo(4242L);
        assertThat(ended.startedAt()).isEqualTo(started);
        assertThat(ended.processStart()).isEqualTo(started.minusMillis(5));
        assertThat(ended.endedAt()).isEqualTo(started.plusSeconds(61));
        assertThat(ended.exitCode()).isEqualTo(-15);
        assertThat(ended.failure()).isEqualTo("nan");
        assertThat(ended.errorSignature()).isEqualTo("loss became nan");
        assertThat(ended.logPath()).isEqualTo("/data/jobs/logs/x.log");
        GuardrailEvent read = jobs.get(j.id()).orElseThrow().guardrail();
        assertThat(read.guardrail()).isEqualTo("nan");
        assertThat(read.step()).isEqualTo(300L);
        assertThat(read.lines()).containsExactly("step 299 loss 0.41", "step 300 loss nan");
        assertThat(read.values().get("loss")).isNaN();
        assertThat(read.values().get("previous")).isEqualTo(0.41);
        assertThat(read.signalledAt()).isEqualTo(started.plusSeconds(60).plusMillis(3));
    }

    @Test
    void updatingAnUnknownJobIsNotFound() {
        assertThatThrownBy(() -> jobs.update("0000000000000000", JobUpdate.status(JobStatus.LOST)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> jobs.addEvent(new JobEvent("0000000000000000", Instant.now(), "x", null, null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsNewestFirstFilteredByProjectRunAndStatus() throws InterruptedException {
        Job a = create(run, "a");
        Thread.sleep(3);
        Job b = create(other, "b");
        Thread.sleep(3);
        Job c = create(run, "c");
        jobs.update(c.id(), JobUpdate.status(JobStatus.RUNNING));
        jobs.update(b.id(), JobUpdate.status(JobStatus.FAILED));

        assertThat(jobs.list(JobQuery.all(10))).extracting(Job::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(jobs.list(new JobQuery("vision", null, Set.of(), 10, 0))).extracting(Job::id).containsExactly(c.id(),
                a.id());
        assertThat(jobs.list(new JobQuery(null, other.id(), Set.of(), 10, 0))).extracting(Job::id)
                .containsExactly(b.id());
        assertThat(jobs.list(new JobQuery(null, null, Set.of(JobStatus.RUNNING, JobStatus.PENDING), 10, 0)))
                .extracting(Job::id).containsExactly(c.id(), a.id());
        assertThat(jobs.list(new JobQuery(null, null, Set.of(), 1, 1))).extracting(Job::id).containsExactly(b.id());
        assertThat(jobs.count(JobQuery.withStatus(JobStatus.FAILED, 1))).isEqualTo(1);
        assertThat(jobs.count(JobQuery.all(1))).isEqualTo(3);
    }

    @Test
    void keepsEventsInOrderAndReturnsTheNewestWhenLimited() {
        Job j = create(run, "a");
        Job k = create(other, "b");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        jobs.addEvent(new JobEvent(j.id(), t, "queued", "info", "waiting for a slot"));
        jobs.addEvent(new JobEvent(j.id(), t, "started", "info", "pid 7"));
        jobs.addEvent(new JobEvent(k.id(), t, "started", "info", "other job"));
        jobs.addEvent(new JobEvent(j.id(), t.plusMillis(1), "alert", "critical", "nan guardrail fired"));

        assertThat(jobs.events(j.id(), 10)).extracting(JobEvent::kind).containsExactly("queued", "started", "alert");
        assertThat(jobs.events(j.id(), 2)).extracting(JobEvent::kind).containsExactly("started", "alert");
        JobEvent alert = jobs.events(j.id(), 1).get(0);
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.message()).isEqualTo("nan guardrail fired");
        assertThat(alert.at()).isEqualTo(t.plusMillis(1));
        assertThat(jobs.events("0000000000000000", 5)).isEmpty();
    }
}
