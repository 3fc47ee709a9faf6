package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.artifact.Checkpoints;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints a real job writes into its working directory become checkpoints of its run, once each. */
class JobCheckpointsTest {
    static final CheckpointScan FAST = new CheckpointScan(CheckpointScan.DEFAULT_PATTERNS, Duration.ofMillis(100));

    @TempDir
    Path tmp;

    @Test
    void registersCheckpointsWhileTheJobRunsAndTheLastOnesAtItsEnd() throws Exception {
        try (JobFixture f = new JobFixture(tmp, 2, false, FAST)) {
            Path dir = f.workDir("CheckpointWriter");
            Path stale = Files.write(dir.resolve("step_1.pt"), new byte[10]);
            Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
            Job job = f.start("CheckpointWriter", GuardrailSpec.none());
            Checkpoints checkpoints = new Checkpoints(f.tracking);

            awaitCheckpoints(f, job.runId(), 1);
            assertThat(f.jobs.get(job.id()).status()).as("seen while it runs").isEqualTo(JobStatus.RUNNING);
            Artifact hf = checkpoints.all(job.runId()).get(0);
            assertThat(hf.path()).isEqualTo("out/checkpoint-100");
            assertThat(hf.step()).isEqualTo(100L);
            assertThat(hf.kind()).isEqualTo(ArtifactKind.CHECKPOINT);
            assertThat(hf.size()).isEqualTo(1000 + "{\"global_step\": 100}".length());
            assertThat(hf.metadata()).containsEntry("job_id", job.id()).containsEntry("folder", true)
                    .containsEntry("local_path", dir.resolve("out/checkpoint-100").toRealPath().toString());

            Files.writeString(dir.resolve("proceed"), "go");
            assertThat(f.awaitEnd(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);

            List<Artifact> all = checkpoints.all(job.runId());
            assertThat(all).extracting(Artifact::path).containsExactly("out/checkpoint-100", "step_200.pt",
                    "epoch=1-step=300.ckpt");
            assertThat(all).extracting(Artifact::step).containsExactly(100L, 200L, 300L);
            assertThat(all.get(2).epoch()).isEqualTo(1L);
            assertThat(all.get(0).created()).as("registered once, not again at the end").isEqualTo(hf.created());
            assertThat(f.store.lineage().edgesOf(List.of(EntityRef.of(EntityKind.JOB, job.id())), 100))
                    .filteredOn(e -> e.relation().equals(LineageEdge.PRODUCED) && e.to().kind() == EntityKind.ARTIFACT)
                    .hasSize(3);
        }
    }

    @Test
    void aRestartedWatcherAddsNoDuplicatesAndUpdatesAChangedCheckpointInPlace() throws Exception {
        try (JobFixture f = new JobFixture(tmp, 2, false, FAST)) {
            Path dir = f.workDir("CheckpointWriter");
            Files.writeString(dir.resolve("proceed"), "go");
            Job job = f.start("CheckpointWriter", GuardrailSpec.none());
            f.awaitEnd(job.id());
            List<Artifact> before = new Checkpoints(f.tracking).all(job.runId());
            assertThat(before).hasSize(3);

            JobCheckpoints restarted = new JobCheckpoints(f.tracking, job.id(), job.runId(), 0, dir.toRealPath(),
                    CheckpointScan.DEFAULT_PATTERNS);
            assertThat(restarted.scan()).as("everything is recorded already").isZero();
            assertThat(new Checkpoints(f.tracking).all(job.runId())).isEqualTo(before);

            Files.write(dir.resolve("step_200.pt"), new byte[50], StandardOpenOption.APPEND);
            assertThat(restarted.scan()).isEqualTo(1);
            List<Artifact> after = new Checkpoints(f.tracking).all(job.runId());
            assertThat(after).hasSize(3);
            Artifact grown = after.stream().filter(a -> a.path().equals("step_200.pt")).findFirst().orElseThrow();
            assertThat(grown.size()).isEqualTo(250);
            assertThat(grown.id()).isEqualTo(before.get(1).id());
        }
    }

    @Test
    void registersNothingWhenNoPatternsAreConfigured() throws Exception {
        CheckpointScan off = CheckpointScan.parse("", 1);
        try (JobFixture f = new JobFixture(tmp, 2, false, off)) {
            Files.writeString(f.workDir("CheckpointWriter").resolve("proceed"), "go");
            Job job = f.start("CheckpointWriter", GuardrailSpec.none());
            f.awaitEnd(job.id());
            assertThat(new Checkpoints(f.tracking).all(job.runId())).isEmpty();
        }
    }

    private static void awaitCheckpoints(JobFixture f, String runId, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (new Checkpoints(f.tracking).all(runId).size() < n) {
            assertThat(System.nanoTime()).as("fewer than %d checkpoints after 30 s", n).isLessThan(deadline);
            JobFixture.sleep(50);
        }
    }
}
