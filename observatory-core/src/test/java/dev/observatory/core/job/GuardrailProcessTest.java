package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.RunStatus;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real training programs run at once under the same guardrails: each guardrail fires on the program that earns it
 * and on no other, and each job ends in the right state with its evidence.
 */
class GuardrailProcessTest {
    @TempDir
    Path tmp;
    JobFixture f;

    @BeforeEach
    void setUp() {
        f = new JobFixture(tmp, 8);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void eachGuardrailFiresOnItsProgramOnlyAndTheJobEndsInTheRightState() throws Exception {
        Job learner = f.start("Learner", JobFixture.guardrails());
        Job nan = f.start("NanAtStep", JobFixture.guardrails());
        Job oom = f.start("CudaOom", JobFixture.guardrails());
        Job stall = f.start("Stall", JobFixture.guardrails());
        Job stubborn = f.start("IgnoreTerm", JobFixture.guardrails());
        f.awaitLines(stubborn.id(), 30);
        f.jobs.stop(JobFixture.ALICE, stubborn.id());

        Job learned = f.awaitEnd(learner.id());
        assertThat(learned.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(learned.exitCode()).isZero();
        assertThat(learned.guardrail()).isNull();
        assertThat(learned.failure()).isNull();
        assertThat(Files.list(f.workDir("Learner").resolve("checkpoints")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("step_100.ckpt", "step_200.ckpt", "step_300.ckpt", "step_400.ckpt");
        MetricSummary loss = f.tracking.metricSummary(learned.runId(), "loss");
        assertThat(loss.count()).isGreaterThanOrEqualTo(400);
        assertThat(loss.lastStep()).isGreaterThanOrEqualTo(400);
        assertThat(f.tracking.getRun(learned.runId()).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(f.store.lineage().edgesOf(List.of(new EntityRef(EntityKind.JOB, learned.id())), 10))
                .extracting(e -> e.to()).hasSize(5).contains(new EntityRef(EntityKind.RUN, learned.runId()))
                .filteredOn(r -> r.kind() == EntityKind.ARTIFACT).as("its four checkpoints, registered").hasSize(4);

        Job nanEnded = f.awaitEnd(nan.id());
        assertThat(nanEnded.status()).isEqualTo(JobStatus.GUARDRAIL_STOPPED);
        GuardrailEvent nanEvidence = nanEnded.guardrail();
        assertThat(nanEvidence.guardrail()).isEqualTo("nan");
        assertThat(nanEvidence.step()).isEqualTo(300L);
        assertThat(nanEvidence.lines()).last().isEqualTo("step=300 loss=nan");
        assertThat(nanEvidence.lines()).contains("step=299 loss=0.53637");
        assertThat(nanEvidence.values().get("loss")).isNaN();
        assertThat(nanEvidence.signalledAt()).isNotNull().isAfterOrEqualTo(nanEvidence.firedAt());
        assertThat(nanEnded.failure()).isEqualTo("nan");
        assertThat(f.tracking.getRun(nanEnded.runId()).status()).isEqualTo(RunStatus.KILLED);
        assertThat(f.jobs.events(nan.id(), 20)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("alert");
            assertThat(e.severity()).isEqualTo("critical");
            assertThat(e.message()).contains("guardrail nan fired");
        });

        Job oomEnded = f.awaitEnd(oom.id());
        assertThat(oomEnded.status()).isEqualTo(JobStatus.GUARDRAIL_STOPPED);
        assertThat(oomEnded.guardrail().guardrail()).isEqualTo("oom");
        assertThat(oomEnded.guardrail().lines()).last().asString().contains("CUDA out of memory");
        assertThat(oomEnded.failure()).isEqualTo("oom");
        assertThat(oomEnded.errorSignature())
                .startsWith("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate <n> GiB (GPU <n>;");

        Job stalled = f.awaitEnd(stall.id());
        assertThat(stalled.status()).isEqualTo(JobStatus.GUARDRAIL_STOPPED);
        assertThat(stalled.guardrail().guardrail()).isEqualTo("stall");
        assertThat(stalled.guardrail().step()).isEqualTo(20L);
        assertThat(stalled.guardrail().values().get("idle_seconds")).isGreaterThanOrEqualTo(2.0);
        assertThat(stalled.failure()).isEqualTo("stall");

        Job killed = f.awaitEnd(stubborn.id());
        assertThat(killed.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(killed.guardrail()).isNull();
        assertThat(killed.exitCode()).isEqualTo(137);
        List<JobEvent> events = f.jobs.events(stubborn.id(), 20);
        assertThat(events).extracting(JobEvent::message).anySatisfy(m -> assertThat(m).startsWith("SIGKILL sent"));
        assertThat(f.jobs.logs(stubborn.id(), 1000, "SIGTERM ignored").lines()).isNotEmpty();
    }

    @Test
    void secretsFromTheEnvironmentNeverReachTheLog() {
        Job learner = f.start("Learner", JobFixture.guardrails(), "5");
        f.awaitEnd(learner.id());

        JobLog.Tail tail = f.jobs.logs(learner.id(), 100, null);
        assertThat(tail.lines()).first().isEqualTo("starting with token ***");
        assertThat(String.join("\n", tail.lines())).doesNotContain("hf_abcdefSECRET123");
        assertThat(f.jobs.logs(learner.id(), 2, "^step").lines()).containsExactly("step 4 loss 2.02158 lr 0.001",
                "step 5 loss 2.00246 lr 0.001");
    }
}
