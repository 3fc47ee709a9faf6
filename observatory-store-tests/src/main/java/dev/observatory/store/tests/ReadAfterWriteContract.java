package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.LogLine;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads repeated around writes see every write at once (backends may cache hot reads; they must stay coherent). */
abstract class ReadAfterWriteContract extends StorageFixture {

    @Test
    void aRunReadBeforeAnUpdateIsReadUpdatedAfterIt() {
        project("vision");
        Run run = run("vision", "r");
        assertThat(storage.runs().get(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        storage.runs().update(run.id(), RunPatch.status(RunStatus.FINISHED));

        assertThat(storage.runs().get(run.id()).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void aRunReadBeforeItsRenamedExperimentMovedItIsReadInTheNewProjectAfterIt() {
        project("vision");
        Run run = run("vision", "r");
        assertThat(storage.runs().get(run.id()).orElseThrow().project()).isEqualTo("vision");

        storage.mlflow().rename(storage.mlflow().experiment("vision").id(), "vision-v2");

        assertThat(storage.runs().get(run.id()).orElseThrow().project()).isEqualTo("vision-v2");
    }

    @Test
    void summariesReadBeforeAnAppendAreReadWithItAfterIt() {
        project("vision");
        Run run = run("vision", "r");
        assertThat(storage.metrics().summaries(run.id())).isEmpty();
        append(run.id(), "loss", stepsFrom(0, 3, 2));
        assertThat(storage.metrics().summaries(run.id())).extracting(MetricSummary::count).containsExactly(2L);

        append(run.id(), "loss", stepsFrom(2, 1));

        assertThat(storage.metrics().summaries(run.id())).extracting(MetricSummary::count, MetricSummary::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 1.0));
    }

    @Test
    void aLineCountReadBeforeAnAppendCountsTheNewLinesAfterIt() {
        project("vision");
        Run run = run("vision", "r");
        assertThat(storage.logs().lineCount(run.id())).isZero();

        storage.logs().append(run.id(), List.of(new LogLine(null, 0, at(1), "stdout", null, "epoch 1"),
                new LogLine(null, 0, at(2), "stdout", null, "epoch 2")));

        assertThat(storage.logs().lineCount(run.id())).isEqualTo(2);
    }
}
