package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the watcher reports from a directory a trainer is writing into. */
class CheckpointWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointStillInItsStagingFolderIsNotReportedUntilItIsRenamedIntoPlace() throws Exception {
        Path staging = Files.createDirectories(dir.resolve("out/tmp-checkpoint-100"));
        Files.write(staging.resolve("model.safetensors"), new byte[1000]);
        Files.write(Files.createDirectories(dir.resolve(".cache")).resolve("step_9.pt"), new byte[9]);
        CheckpointWatcher w = new CheckpointWatcher(dir, CheckpointScan.DEFAULT_PATTERNS);

        assertThat(w.scan()).as("staging and hidden folders are not looked into").isEmpty();

        Files.move(staging, dir.resolve("out/checkpoint-100"));
        assertThat(w.scan())
                .extracting(CheckpointWatcher.Found::path, CheckpointWatcher.Found::step, CheckpointWatcher.Found::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("out/checkpoint-100", 100L, 1000L));
        assertThat(w.scan()).as("unchanged: reported once").isEmpty();
    }

    @Test
    void aFileNamedLikeAStagingFolderIsStillACheckpoint() throws Exception {
        Files.write(dir.resolve("tmp-checkpoint-7.safetensors"), new byte[3]);
        assertThat(new CheckpointWatcher(dir, CheckpointScan.DEFAULT_PATTERNS).scan())
                .extracting(CheckpointWatcher.Found::path).containsExactly("tmp-checkpoint-7.safetensors");
    }
}
