package dev.observatory.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.model.eval.EvalMetricCount;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.eval.EvalSubjectKind;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recording evaluation results: validation (all or none), subjects that must exist, names and metrics. */
class EvalsTest {
    static final Actor ADA = new Actor("ada", "rest");
    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);
    final Evals evals = new Evals(tracking);
    Run run;
    EvalSubject ckpt;
    EvalSubject version;

    @BeforeEach
    void data() {
        run = tracking.createRun(ADA, NewRun.of("nav", "ppo"));
        Artifact a = store.artifacts().put(new NewArtifact(run.id(), "nav", "checkpoints/step_100.pt", 10, null, null,
                ArtifactKind.CHECKPOINT, 100L, null, null, "k/100"));
        ckpt = new EvalSubject(EvalSubjectKind.CHECKPOINT, a.id());
        store.registry().createModel(new NewModel("navigator", null, null, "ada"));
        ModelVersion v = store.registry().createVersion(NewModelVersion.of("navigator", "s3://b/k", run.id()));
        version = new EvalSubject(EvalSubjectKind.MODEL_VERSION, v.id());
    }

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    static EvalInput in(EvalSubject s, String eval, String metric, double value, Long episode) {
        return new EvalInput(s, eval, metric, value, episode, 1L, 100L);
    }

    @Test
    void recordsABatchForRunsCheckpointsAndVersionsWithIdsAndTheClockTime() {
        EvalSubject r = new EvalSubject(EvalSubjectKind.RUN, run.id());
        List<EvalResult> stored = evals.record(ADA, List.of(in(ckpt, "maze", "reward", 1.5, 0L),
                in(version, "maze", "reward", 2.5, null), in(r, "arena", "win_rate", 0.5, 3L)));

        assertThat(stored).extracting(EvalResult::id).allMatch(id -> id.matches("[0-9a-f]{16}"))
                .doesNotHaveDuplicates();
        assertThat(stored).extracting(EvalResult::recordedAt).containsOnly(NOW);
        assertThat(store.evals().count(EvalQuery.of(null, 1))).isEqualTo(3);
        assertThat(evals.evalNames(null)).containsExactly(new EvalName("arena", List.of("win_rate"), 1, 1),
                new EvalName("maze", List.of("reward"), 2, 2));
        assertThat(evals.evalNames(ckpt)).extracting(EvalName::name).containsExactly("maze");
        assertThat(evals.metrics("maze", null)).containsExactly(new EvalMetricCount("maze", "reward", 2, 2));
        auditor.flush();
        assertThat(store.audit().list(Long.MAX_VALUE, 10)).anyMatch(e -> e.action().equals("evals.record"));
    }

    @Test
    void aBadResultAnywhereInTheBatchStoresNothingAndSaysWhichAndWhy() {
        assertThatThrownBy(() -> evals.record(ADA,
                List.of(in(ckpt, "maze", "reward", 1, 0L), in(ckpt, "maze", "reward", Double.NaN, 1L))))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("result 1")
                        .hasMessageContaining("finite");
        assertThatThrownBy(() -> evals.record(ADA, List.of(in(ckpt, "x".repeat(201), "reward", 1, 0L))))
                .hasMessageContaining("eval name must be at most 200 characters");
        assertThatThrownBy(() -> evals.record(ADA, List.of(in(ckpt, "maze", "", 1, 0L))))
                .hasMessageContaining("metric must not be empty");
        assertThatThrownBy(() -> evals.record(ADA, List.of(in(ckpt, "ma\nze", "r", 1, 0L))))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> evals.record(ADA, List.of(in(ckpt, "maze", "r", 1, -1L))))
                .hasMessageContaining("episode must not be negative");
        assertThatThrownBy(() -> evals.record(ADA, List.of(in(ckpt, "maze", "r", Double.POSITIVE_INFINITY, 0L))))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> evals.record(ADA, List.of())).hasMessageContaining("at least one");
        List<EvalInput> big = new ArrayList<>();
        for (int i = 0; i <= Evals.MAX_BATCH; i++) {
            big.add(in(ckpt, "maze", "reward", i, (long) i));
        }
        assertThatThrownBy(() -> evals.record(ADA, big)).hasMessageContaining("at most 10000");
        assertThat(store.evals().count(EvalQuery.of(null, 1))).isZero();
    }

    @Test
    void aSubjectThatDoesNotExistIsNotFoundAndAReplayIsNoCheckpoint() {
        EvalSubject ghost = new EvalSubject(EvalSubjectKind.CHECKPOINT, "ffffffffffffffff");
        assertThatThrownBy(
                () -> evals.record(ADA, List.of(in(ckpt, "maze", "r", 1, 0L), in(ghost, "maze", "r", 1, 0L))))
                        .isInstanceOf(NotFoundException.class)
                        .hasMessageContaining("no checkpoint with id 'ffffffffffffffff'");
        assertThatThrownBy(() -> evals.record(ADA,
                List.of(in(new EvalSubject(EvalSubjectKind.MODEL_VERSION, "nope"), "maze", "r", 1, 0L))))
                        .isInstanceOf(NotFoundException.class).hasMessageContaining("no model version");
        assertThatThrownBy(
                () -> evals.record(ADA, List.of(in(new EvalSubject(EvalSubjectKind.RUN, "nope"), "maze", "r", 1, 0L))))
                        .isInstanceOf(NotFoundException.class);
        Artifact replay = store.artifacts().put(new NewArtifact(run.id(), "nav", "replays/ep1.json", 10, null, null,
                ArtifactKind.REPLAY, null, null, Map.of(), "k/r"));
        assertThatThrownBy(() -> evals.record(ADA,
                List.of(in(new EvalSubject(EvalSubjectKind.CHECKPOINT, replay.id()), "maze", "r", 1, 0L))))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a replay");
        assertThat(store.evals().count(EvalQuery.of(null, 1))).isZero();
    }

    @Test
    void readOnlyModeRefusesToRecord() {
        Tracking ro = new Tracking(store, clock, true, auditor);
        assertThatThrownBy(() -> new Evals(ro).record(ADA, List.of(in(ckpt, "maze", "r", 1, 0L))))
                .isInstanceOf(ReadOnlyException.class);
    }

    @Test
    void resultsArePagedWithACursor() {
        List<EvalInput> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(in(ckpt, "maze", "reward", i, (long) i));
        }
        evals.record(ADA, batch);
        var first = evals.results(EvalQuery.of(List.of(ckpt), 3), null);
        var second = evals.results(EvalQuery.of(List.of(ckpt), 3), first.nextCursor());

        assertThat(first.items()).hasSize(3);
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextCursor()).isNull();
    }
}
