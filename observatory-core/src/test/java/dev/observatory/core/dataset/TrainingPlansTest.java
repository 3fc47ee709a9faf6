package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingPlansTest {

    @Test
    void aLoraOnA24GbGpuGetsBatchLearningRateStepsAndCheckpointsWithReasons() {
        TrainingPlan p = TrainingPlans.recommend(new PlanRequest("lora-finetune", 500, 2_600_000_000L, 24, 4096, 1));

        assertThat(p.method()).isEqualTo("lora");
        assertThat(p.fits()).isTrue();
        assertThat(p.microBatchSize()).isEqualTo(8);
        assertThat(p.gradientAccumulationSteps()).isEqualTo(4);
        assertThat(p.effectiveBatchSize()).isEqualTo(32);
        assertThat(p.learningRateMin()).isEqualTo(7.07e-5);
        assertThat(p.learningRateMax()).isEqualTo(2.83e-4);
        assertThat(p.learningRate()).isEqualTo(1.41e-4);
        assertThat(p.epochs()).isEqualTo(10);
        assertThat(p.maxSteps()).isEqualTo(157);
        assertThat(p.warmupSteps()).isEqualTo(10);
        assertThat(p.checkpointEverySteps()).isEqualTo(50);
        assertThat(p.estimatedMemoryGb()).isEqualTo(15.7);
        assertThat(p.items()).extracting(TrainingPlan.Item::name).containsExactly("micro_batch_size",
                "gradient_accumulation_steps", "effective_batch_size", "learning_rate", "epochs", "max_steps",
                "warmup_steps", "checkpoint_every_steps", "keep_last");
        assertThat(p.items()).allSatisfy(i -> assertThat(i.reasoning()).isNotBlank());
        assertThat(p.items().get(0).reasoning()).contains("21.6 GB usable").contains("5.7 GB");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void aFullFineTuneThatCannotFitSaysSo() {
        TrainingPlan p = TrainingPlans.recommend(new PlanRequest("full", 20, 7_000_000_000L, 24, 2048, null));
        assertThat(p.fits()).isFalse();
        assertThat(p.microBatchSize()).isEqualTo(1);
        assertThat(p.warnings()).hasSize(2);
        assertThat(p.warnings().get(0)).startsWith("does not fit: ~113.7 GB needed");
        assertThat(p.warnings().get(1)).contains("only 20 examples");
    }

    @Test
    void moreGpusShrinkTheAccumulationAndClassifiersAimAt256() {
        TrainingPlan p = TrainingPlans.recommend(new PlanRequest("classifier", 50_000, 25_000_000L, 16, 196, 2));
        assertThat(p.microBatchSize()).isEqualTo(64);
        assertThat(p.gradientAccumulationSteps()).isEqualTo(2);
        assertThat(p.effectiveBatchSize()).isEqualTo(256);
        assertThat(p.epochs()).isEqualTo(5);
        assertThat(p.maxSteps()).isEqualTo(977);
    }

    @Test
    void badInputIsRefusedWithWhatToFix() {
        assertThatThrownBy(() -> TrainingPlans.recommend(new PlanRequest("rlhf", 10, 1_000_000, 8, null, null)))
                .hasMessageContaining("lora, full or classifier");
        assertThatThrownBy(() -> TrainingPlans.recommend(new PlanRequest("lora", 10, 7, 8, null, null)))
                .hasMessageContaining("model_parameters");
        assertThatThrownBy(() -> TrainingPlans.recommend(new PlanRequest("lora", 10, 1_000_000, 0, null, null)))
                .hasMessageContaining("gpu_memory_gb");
    }
}
