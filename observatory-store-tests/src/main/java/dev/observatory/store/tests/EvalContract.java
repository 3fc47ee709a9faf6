package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.eval.EvalAggregate;
import dev.observatory.model.eval.EvalMetricCount;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.eval.EvalSubjectKind;
import dev.observatory.store.ConflictException;
import dev.observatory.store.EvalStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evaluation results: appended in batches (all or none), read back equal, filtered, grouped and counted. */
abstract class EvalContract extends StorageFixture {
    static final EvalSubject CKPT_A = new EvalSubject(EvalSubjectKind.CHECKPOINT, "a000000000000001");
    static final EvalSubject CKPT_B = new EvalSubject(EvalSubjectKind.CHECKPOINT, "b000000000000002");
    static final EvalSubject VERSION = new EvalSubject(EvalSubjectKind.MODEL_VERSION, "a000000000000001");
    static final EvalSubject RUN = new EvalSubject(EvalSubjectKind.RUN, "c000000000000003");

    EvalStore evals;
    int next;

    @BeforeEach
    void evals() {
        evals = storage.evals();
    }

    EvalResult result(EvalSubject s, String eval, String metric, double value, Long episode, long second) {
        return new EvalResult(String.format("%016x", ++next), s, eval, metric, value, episode,
                episode == null ? null : 7L + episode, episode == null ? null : 1000L, at(second));
    }

    @Test
    void storesABatchAndReadsEveryFieldBackInOrder() {
        EvalResult a = result(CKPT_B, "maze", "reward", 0.25, 0L, 10);
        EvalResult b = result(CKPT_A, "maze", "reward", -1.5e-7, null, 20);
        EvalResult c = result(VERSION, "arena", "win_rate", 1e300, 3L, 5);
        evals.append(List.of(a, b, c));

        assertThat(evals.list(EvalQuery.of(null, 10))).containsExactly(b, a, c);
        assertThat(evals.list(EvalQuery.of(null, 10)).get(0).episode()).isNull();
        assertThat(evals.list(EvalQuery.of(null, 10)).get(1).seed()).isEqualTo(7L);
        assertThat(evals.list(EvalQuery.of(null, 10).page(1, 1))).containsExactly(a);
        assertThat(evals.count(EvalQuery.of(null, 1))).isEqualTo(3);
    }

    @Test
    void aBatchWithADuplicateIdStoresNothing() {
        EvalResult a = result(CKPT_A, "maze", "reward", 1, 0L, 1);
        evals.append(List.of(a));
        EvalResult fresh = result(CKPT_A, "maze", "reward", 2, 1L, 2);

        assertThatThrownBy(() -> evals.append(List.of(fresh, a))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> evals.append(List.of(fresh, fresh))).isInstanceOf(ConflictException.class);
        assertThat(evals.list(EvalQuery.of(null, 10))).containsExactly(a);
    }

    @Test
    void filtersBySubjectKindAndIdEvalNamesAndMetric() {
        evals.append(List.of(result(CKPT_A, "maze", "reward", 1, 0L, 1), result(VERSION, "maze", "reward", 2, 0L, 1),
                result(CKPT_B, "arena", "reward", 3, 0L, 1), result(CKPT_A, "arena", "steps", 4, 0L, 1),
                result(RUN, "maze", "reward", 5, null, 1)));

        assertThat(evals.list(EvalQuery.of(List.of(CKPT_A), 10))).extracting(EvalResult::value).containsExactly(4.0,
                1.0);
        assertThat(evals.list(EvalQuery.of(List.of(VERSION, RUN), 10))).extracting(EvalResult::value)
                .containsExactly(2.0, 5.0);
        assertThat(evals.list(new EvalQuery(null, List.of("maze"), "reward", 10, 0))).extracting(EvalResult::value)
                .containsExactly(1.0, 2.0, 5.0);
        assertThat(evals.count(new EvalQuery(List.of(CKPT_A, CKPT_B), List.of("arena"), null, 1, 0))).isEqualTo(2);
        assertThat(evals.list(new EvalQuery(List.of(CKPT_B), List.of("maze"), null, 10, 0))).isEmpty();
    }

    @Test
    void groupsMetricsPerEvalWithResultAndSubjectCountsAndListsDistinctSubjects() {
        evals.append(List.of(result(CKPT_A, "maze", "reward", 1, 0L, 1), result(CKPT_A, "maze", "reward", 2, 1L, 1),
                result(CKPT_B, "maze", "reward", 3, 0L, 1), result(CKPT_A, "maze", "steps", 4, 0L, 1),
                result(VERSION, "arena", "reward", 5, 0L, 1)));

        assertThat(evals.metrics(EvalQuery.of(null, 1))).containsExactly(new EvalMetricCount("arena", "reward", 1, 1),
                new EvalMetricCount("maze", "reward", 3, 2), new EvalMetricCount("maze", "steps", 1, 1));
        assertThat(evals.metrics(EvalQuery.of(List.of(CKPT_B), 1)))
                .containsExactly(new EvalMetricCount("maze", "reward", 1, 1));
        assertThat(evals.subjects(EvalQuery.of(null, 10))).containsExactly(CKPT_A, CKPT_B, VERSION);
        assertThat(evals.subjects(new EvalQuery(null, List.of("maze"), "reward", 1, 1))).containsExactly(CKPT_B);
    }

    @Test
    void aLargeBatchSpanningSeveralStatementsIsStoredWhole() {
        List<EvalResult> batch = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            batch.add(result(i % 2 == 0 ? CKPT_A : CKPT_B, "eval_" + (i % 7), "reward", i, (long) i, i));
        }
        evals.append(batch);

        assertThat(evals.count(EvalQuery.of(null, 1))).isEqualTo(1234);
        assertThat(evals.count(new EvalQuery(List.of(CKPT_B), List.of("eval_3"), "reward", 1, 0))).isEqualTo(88);
        assertThat(evals.list(EvalQuery.of(null, 2000))).extracting(EvalResult::value).doesNotHaveDuplicates()
                .hasSize(1234);
    }

    @Test
    void aggregatesCountMeanMinMaxAndTheLastRecordedValuePerSubjectEvalAndMetric() {
        evals.append(List.of(result(CKPT_A, "maze", "reward", 1, 0L, 30), result(CKPT_A, "maze", "reward", 5, 1L, 10),
                result(CKPT_A, "maze", "reward", 3, 2L, 20), result(CKPT_A, "maze", "steps", 7, 0L, 1),
                result(VERSION, "maze", "reward", 2, 0L, 1), result(CKPT_B, "arena", "reward", 4, 0L, 1)));

        List<EvalAggregate> all = evals.aggregates(EvalQuery.of(null, 100));
        assertThat(all).extracting(a -> a.subject().ref() + "/" + a.evalName() + "/" + a.metric()).containsExactly(
                "checkpoint:a000000000000001/maze/reward", "checkpoint:a000000000000001/maze/steps",
                "checkpoint:b000000000000002/arena/reward", "model_version:a000000000000001/maze/reward");
        EvalAggregate a = all.get(0);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.mean()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.min()).isEqualTo(1);
        assertThat(a.max()).isEqualTo(5);
        assertThat(a.last()).as("recorded last (second 30), not inserted last").isEqualTo(1);
        assertThat(evals.aggregates(new EvalQuery(List.of(CKPT_A, VERSION), List.of("maze"), "reward", 10, 0)))
                .extracting(EvalAggregate::count).containsExactly(3L, 1L);
        assertThat(evals.aggregates(EvalQuery.of(null, 2).page(2, 1))).extracting(EvalAggregate::metric)
                .containsExactly("steps", "reward");
    }
}
