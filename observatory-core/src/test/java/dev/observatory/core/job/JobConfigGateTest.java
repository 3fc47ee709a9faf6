package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.dataset.TrainingConfigs;
import dev.observatory.model.dataset.NewTrainingConfig;
import dev.observatory.model.dataset.TrainingConfig;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job naming a training config starts only when that config passes its template's schema, and records it. */
class JobConfigGateTest {
    @TempDir
    Path tmp;

    /** Version 1 valid (saved through the service), version 2 invalid (written to the store as an old save would). */
    private static void saveLoraVersions(JobFixture f) {
        TrainingConfigs configs = new TrainingConfigs(f.tracking);
        String valid = configs.template("lora-finetune").yaml();
        configs.save(JobFixture.ALICE, "lora", "lora-finetune", valid, "good");
        String broken = valid.replace("learning_rate: 1.0e-4", "learning_rate: -1").replace("rank: 16", "rank: many");
        f.store.trainingConfigs().save(new NewTrainingConfig("lora", "lora-finetune", "yaml", broken, "broken"));
    }

    private static JobSpec touching(JobFixture f, String marker) {
        return new JobSpec(
                List.of("/bin/sh", "-c",
                        "touch " + marker + "; echo config $OBSERVATORY_CONFIG_NAME v$OBSERVATORY_CONFIG_VERSION"),
                f.workDir("cfg").toString(), Map.of(), "local", null, false, null, null, GuardrailSpec.none());
    }

    @Test
    void refusesToStartWithAConfigThatFailsValidationNamingThePathsAndCreatesNothing() {
        try (JobFixture f = new JobFixture(tmp, 2)) {
            saveLoraVersions(f);
            JobSpec spec = touching(f, "spawned");

            assertThatThrownBy(() -> f.jobs.start(JobFixture.ALICE,
                    new Jobs.StartRequest("vision", null, "bad", spec, "lora", null)))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("job not started: training config 'lora' (latest version)")
                            .hasMessageContaining("$.training.learning_rate").hasMessageContaining("$.lora.rank");
            assertThatThrownBy(
                    () -> f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "bad", spec, "lora", 2)))
                            .hasMessageContaining("version 2 fails validation");

            assertThat(f.store.jobs().count(JobQuery.all(1))).isZero();
            assertThat(f.store.runs().count(RunQuery.all("vision", 10))).isZero();
            JobFixture.sleep(300);
            assertThat(f.workDir("cfg").resolve("spawned")).doesNotExist();
        }
    }

    @Test
    void refusesAnUnknownConfigOrVersion() {
        try (JobFixture f = new JobFixture(tmp, 2)) {
            saveLoraVersions(f);
            JobSpec spec = touching(f, "spawned");
            assertThatThrownBy(() -> f.jobs.start(JobFixture.ALICE,
                    new Jobs.StartRequest("vision", null, "x", spec, "nope", null)))
                            .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(
                    () -> f.jobs.start(JobFixture.ALICE, new Jobs.StartRequest("vision", null, "x", spec, "lora", 9)))
                            .isInstanceOf(NotFoundException.class).hasMessageContaining("no version 9");
            assertThat(f.store.jobs().count(JobQuery.all(1))).isZero();
        }
    }

    @Test
    void startsWithAValidVersionAndRecordsWhichVersionItRanWith() throws Exception {
        try (JobFixture f = new JobFixture(tmp, 2)) {
            saveLoraVersions(f);
            Job job = f.jobs.start(JobFixture.ALICE,
                    new Jobs.StartRequest("vision", null, "good", touching(f, "ran"), "lora", 1));
            Job ended = f.awaitEnd(job.id());

            assertThat(ended.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(ended.configName()).isEqualTo("lora");
            assertThat(ended.configVersion()).isEqualTo(1);
            assertThat(f.jobs.logs(job.id(), 10, null).lines()).containsExactly("config lora v1");
            assertThat(f.tracking.getRun(job.runId()).params()).containsEntry("training_config", "lora@1");
            assertThat(Files.exists(f.workDir("cfg").resolve("ran"))).isTrue();
            TrainingConfig latest = new TrainingConfigs(f.tracking).get("lora", null);
            assertThat(latest.version()).as("the invalid version 2 is the latest, yet v1 ran").isEqualTo(2);
        }
    }
}
