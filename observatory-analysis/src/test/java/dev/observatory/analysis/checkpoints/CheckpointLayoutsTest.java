package dev.observatory.analysis.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointLayoutsTest {

    static CheckpointMatch match(String key) {
        return CheckpointLayouts.recognise(key).orElseThrow(() -> new AssertionError("not recognised: " + key));
    }

    @Test
    void readsTheStepFromZeroPaddedStepFiles() {
        CheckpointMatch m = match("projects/vision/runs/r-12/checkpoints/step_000100.pt");

        assertThat(m.step()).isEqualTo(100L);
        assertThat(m.epoch()).isNull();
        assertThat(m.format()).isEqualTo(CheckpointFormat.PYTORCH);
        assertThat(m.layout()).isEqualTo("step_file");
        assertThat(m.group()).isEqualTo(m.key());
        assertThat(m.weights()).isTrue();
    }

    @Test
    void groupsEveryFileOfAHuggingFaceCheckpointFolderUnderTheFolder() {
        CheckpointMatch weights = match("out/checkpoint-500/model.safetensors");
        CheckpointMatch optimizer = match("out/checkpoint-500/optimizer.pt");
        CheckpointMatch state = match("out/checkpoint-500/trainer_state.json");

        assertThat(weights.step()).isEqualTo(500L);
        assertThat(weights.group()).isEqualTo("out/checkpoint-500/");
        assertThat(weights.layout()).isEqualTo("hf_checkpoint_folder");
        assertThat(weights.format()).isEqualTo(CheckpointFormat.SAFETENSORS);
        assertThat(weights.weights()).isTrue();
        assertThat(optimizer.group()).isEqualTo("out/checkpoint-500/");
        assertThat(optimizer.weights()).isFalse();
        assertThat(state.format()).isEqualTo(CheckpointFormat.OTHER);
        assertThat(state.step()).isEqualTo(500L);
    }

    @Test
    void recognisesAFolderKeyFromADelimitedListing() {
        CheckpointMatch folder = match("out/checkpoint-1500/");

        assertThat(folder.step()).isEqualTo(1500L);
        assertThat(folder.format()).isEqualTo(CheckpointFormat.FOLDER);
        assertThat(folder.group()).isEqualTo("out/checkpoint-1500/");
        assertThat(CheckpointLayouts.recognise("out/logs/")).isEmpty();
    }

    @Test
    void readsEpochAndStepFromLightningNames() {
        CheckpointMatch m = match("lightning_logs/version_0/checkpoints/epoch=3-step=1000.ckpt");
        CheckpointMatch epochOnly = match("ckpts/epoch=7.ckpt");
        CheckpointMatch withMetric = match("ckpts/model-epoch=02-val_loss=0.32.ckpt");

        assertThat(m.epoch()).isEqualTo(3);
        assertThat(m.step()).isEqualTo(1000L);
        assertThat(m.layout()).isEqualTo("lightning");
        assertThat(m.format()).isEqualTo(CheckpointFormat.CKPT);
        assertThat(epochOnly.epoch()).isEqualTo(7);
        assertThat(epochOnly.step()).isNull();
        assertThat(withMetric.epoch()).isEqualTo(2);
    }

    @Test
    void takesTheStepOfAStepFolderForTheWeightsInside() {
        CheckpointMatch m = match("runs/r1/step_2000/model.safetensors");
        CheckpointMatch global = match("ds/global_step300/mp_rank_00_model_states.pt");
        CheckpointMatch megatron = match("megatron/iter_0001000/mp_rank_00/model_optim_rng.pt");
        CheckpointMatch epoch = match("keras/epoch_04/weights.h5");

        assertThat(m.step()).isEqualTo(2000L);
        assertThat(m.group()).isEqualTo("runs/r1/step_2000/");
        assertThat(m.layout()).isEqualTo("step_folder");
        assertThat(global.step()).isEqualTo(300L);
        assertThat(megatron.step()).isEqualTo(1000L);
        assertThat(megatron.group()).isEqualTo("megatron/iter_0001000/");
        assertThat(epoch.epoch()).isEqualTo(4);
        assertThat(epoch.step()).isNull();
    }

    @Test
    void readsStepsFromWeightsFilesEndingInANumber() {
        assertThat(match("w/weights_1000.pth").step()).isEqualTo(1000L);
        assertThat(match("w/model-2500.safetensors").step()).isEqualTo(2500L);
        assertThat(match("w/checkpoint_42.bin").step()).isEqualTo(42L);
        assertThat(match("w/model_step-7.bin").step()).isEqualTo(7L);
        assertThat(match("w/ckpt_epoch5.pt").epoch()).isEqualTo(5);
    }

    @Test
    void neverTakesShardNumbersOrModelNamesForSteps() {
        assertThat(CheckpointLayouts.recognise("hub/model-00001-of-00004.safetensors")).isEmpty();
        assertThat(CheckpointLayouts.recognise("hub/resnet50.pth")).isEmpty();
        assertThat(CheckpointLayouts.recognise("hub/gpt2.bin")).isEmpty();
        assertThat(match("out/checkpoint-9/model-00002-of-00002.safetensors").step()).isEqualTo(9L);
    }

    @Test
    void recognisesGgufFilesAndNamedCheckpointsWithoutAStep() {
        CheckpointMatch gguf = match("exports/llama-3-8b.Q4_K_M.gguf");
        CheckpointMatch last = match("ckpts/last.ckpt");

        assertThat(gguf.format()).isEqualTo(CheckpointFormat.GGUF);
        assertThat(gguf.step()).isNull();
        assertThat(gguf.layout()).isEqualTo("gguf");
        assertThat(last.layout()).isEqualTo("named");
        assertThat(last.step()).isNull();
    }

    @Test
    void ignoresFilesThatAreNotCheckpoints() {
        assertThat(CheckpointLayouts.recognise("runs/r1/metrics.csv")).isEmpty();
        assertThat(CheckpointLayouts.recognise("data/train.bin")).isEmpty();
        assertThat(CheckpointLayouts.recognise("reports/step_100.png")).isEmpty();
        assertThat(CheckpointLayouts.recognise("")).isEmpty();
        assertThat(CheckpointLayouts.recognise(null)).isEmpty();
        assertThat(CheckpointLayouts.isCheckpointWeights("runs/r1/step_000100.pt")).isTrue();
        assertThat(CheckpointLayouts.isCheckpointWeights("runs/r1/notes.txt")).isFalse();
    }

    @Test
    void acceptsWindowsStylePathsFromADirectoryScan() {
        assertThat(match("C:\\train\\checkpoint-30\\pytorch_model.bin").step()).isEqualTo(30L);
    }
}
