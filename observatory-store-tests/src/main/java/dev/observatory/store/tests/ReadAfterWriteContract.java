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
    void summariesOfManyRunsReadBeforeAnAppendAreReadWithItAfterIt() {
        project("vision");
        Run a = run("vision", "a");
        Run b = run("vision", "b");
        append(a.id(), "loss", stepsFrom(0, 3, 2));
        assertThat(storage.metrics().summaries(List.of(a.id(), b.id()), List.of())).containsOnlyKeys(a.id());
        assertThat(storage.metrics().summaries(a.id())).hasSize(1);

        append(a.id(), "acc", stepsFrom(0, 0.5));
        append(b.id(), "loss", stepsFrom(0, 9));

        var both = storage.metrics().summaries(List.of(b.id(), a.id(), a.id()), List.of());
        assertThat(both).containsOnlyKeys(a.id(), b.id());
        assertThat(both.get(a.id())).containsOnlyKeys("acc", "loss");
        assertThat(both.get(a.id()).get("loss").last()).isEqualTo(2.0);
        assertThat(storage.metrics().summaries(List.of(a.id(), b.id()), List.of("acc"))).containsOnlyKeys(a.id());
        assertThat(storage.metrics().summaries(a.id())).extracting(MetricSummary::key).containsExactly("acc", "loss");
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
