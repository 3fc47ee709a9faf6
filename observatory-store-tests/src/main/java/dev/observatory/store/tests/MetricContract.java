package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Appending metric batches and the per-key summaries kept on ingest. */
abstract class MetricContract extends StorageFixture {

    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    Run run;

    @BeforeEach
    void aRun() {
        project("vision");
        run = run("vision", "r");
    }

    private List<MetricPoint> readAll(String runId, String key) {
        return storage.metrics().read(runId, key, Long.MIN_VALUE, Long.MAX_VALUE, 0, 10_000);
    }

    @Test
    void appendsAColumnarBatchAndReadsItBackExactly() {
        storage.metrics().append(run.id(), Map.of("loss", new MetricColumns(new long[] { 0, 1, 2 },
                new double[] { 2.5, 1.25, 0.625 }, new long[] { T0_MS, T0_MS + 1500, T0_MS + 2999 })));

        assertThat(readAll(run.id(), "loss")).containsExactly(new MetricPoint(0, 2.5, T0_MS),
                new MetricPoint(1, 1.25, T0_MS + 1500), new MetricPoint(2, 0.625, T0_MS + 2999));
    }

    @Test
    void appendsSeveralKeysInOneBatch() {
        storage.metrics().append(run.id(),
                Map.of("loss", stepsFrom(0, 1, 2), "acc", stepsFrom(0, 0.5), "system/gpu_util", stepsFrom(10, 99)));

        assertThat(readAll(run.id(), "loss")).hasSize(2);
        assertThat(readAll(run.id(), "acc")).containsExactly(new MetricPoint(0, 0.5, T0_MS));
        assertThat(readAll(run.id(), "system/gpu_util")).containsExactly(new MetricPoint(10, 99, T0_MS + 10));
    }

    @Test
    void roundTripsNaNAndInfinities() {
        append(run.id(), "loss", stepsFrom(0, NAN, INF, -INF, 1.5, -0.0, Double.MIN_VALUE, Double.MAX_VALUE));

        assertThat(readAll(run.id(), "loss")).extracting(MetricPoint::value).containsExactly(NAN, INF, -INF, 1.5, -0.0,
                Double.MIN_VALUE, Double.MAX_VALUE);
    }

    @Test
    void keepsStepsThatGoBackwardsAsSent() {
        append(run.id(), "loss", stepsFrom(10, 3, 2, 1));
        append(run.id(), "loss", stepsFrom(5, 7, 6)); // the job restarted from an older checkpoint
        append(run.id(), "loss", columns(new long[] { 12 }, new double[] { 0.5 }));

        assertThat(readAll(run.id(), "loss")).extracting(MetricPoint::step, MetricPoint::value).containsExactly(
                tuple(5L, 7.0), tuple(6L, 6.0), tuple(10L, 3.0), tuple(11L, 2.0), tuple(12L, 1.0), tuple(12L, 0.5));
        MetricSummary s = summary(run.id(), "loss");
        assertThat(s.count()).isEqualTo(6);
        assertThat(s.firstStep()).isEqualTo(5);
        assertThat(s.first()).isEqualTo(7.0);
        assertThat(s.lastStep()).isEqualTo(12);
        assertThat(s.last()).as("ties on the highest step: the later ingested point").isEqualTo(0.5);
    }

    @Test
    void summarisesASeriesAcrossSeveralAppends() {
        append(run.id(), "loss", stepsFrom(0, 3, 1, 4));
        append(run.id(), "loss", stepsFrom(3, 1, 5, NAN));
        append(run.id(), "loss", stepsFrom(6, 9, 2));

        assertThat(storage.metrics().summaries(run.id()))
                .containsExactly(new MetricSummary("loss", 8, 1, 0, 3, 7, 2, T0_MS + 7, 1, 1, 9, 6));
    }

    @Test
    void summaryCountsInfinitiesWithNaNAndKeepsThemOutOfMinAndMax() {
        append(run.id(), "loss", stepsFrom(0, 2, INF, -INF, 1, NAN, 3));

        MetricSummary s = summary(run.id(), "loss");
        assertThat(s.count()).isEqualTo(6);
        assertThat(s.nanCount()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.argMinStep()).isEqualTo(3);
        assertThat(s.max()).isEqualTo(3);
        assertThat(s.argMaxStep()).isEqualTo(5);
    }

    @Test
    void summaryOfASeriesWithoutFiniteValuesHasNaNMinAndMax() {
        append(run.id(), "loss", stepsFrom(0, NAN, INF));

        MetricSummary s = summary(run.id(), "loss");
        assertThat(s.nanCount()).isEqualTo(2);
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
    }

    @Test
    void summaryKeepsTheLatestValueEvenWhenItIsNaN() {
        append(run.id(), "loss", stepsFrom(0, 2, 1));
        append(run.id(), "loss", stepsFrom(2, NAN)); // diverged

        MetricSummary s = summary(run.id(), "loss");
        assertThat(s.last()).isNaN();
        assertThat(s.lastStep()).isEqualTo(2);
        assertThat(s.min()).isEqualTo(1);
    }

    @Test
    void summariesAreOrderedByKeyAndEmptyForARunWithoutMetrics() {
        Run other = run("vision", "quiet");
        storage.metrics().append(run.id(),
                Map.of("zeta", stepsFrom(0, 1), "alpha", stepsFrom(0, 1), "mid", stepsFrom(0, 1)));

        assertThat(storage.metrics().summaries(run.id())).extracting(MetricSummary::key).containsExactly("alpha", "mid",
                "zeta");
        assertThat(storage.metrics().summaries(other.id())).isEmpty();
    }

    @Test
    void summarisesTheGivenKeysOfManyRunsAtOnce() {
        Run b = run("vision", "b");
        Run quiet = run("vision", "quiet");
        storage.metrics().append(run.id(), Map.of("loss", stepsFrom(0, 1, 0.5), "acc", stepsFrom(0, 0.7)));
        append(b.id(), "loss", stepsFrom(0, 0.25));

        Map<String, Map<String, MetricSummary>> byRun = storage.metrics()
                .summaries(List.of(run.id(), b.id(), quiet.id()), List.of("loss"));

        assertThat(byRun).containsOnlyKeys(run.id(), b.id());
        assertThat(byRun.get(run.id())).containsOnlyKeys("loss");
        assertThat(byRun.get(run.id()).get("loss").last()).isEqualTo(0.5);
        assertThat(byRun.get(b.id()).get("loss").last()).isEqualTo(0.25);
        assertThat(byRun.get(run.id()).get("loss")).isEqualTo(summary(run.id(), "loss"));
    }

    @Test
    void summarisesEveryKeyOfManyRunsWhenNoKeysAreGiven() {
        Run b = run("vision", "b");
        storage.metrics().append(run.id(), Map.of("loss", stepsFrom(0, 1), "acc", stepsFrom(0, 0.7)));
        append(b.id(), "loss", stepsFrom(0, 0.25));

        Map<String, Map<String, MetricSummary>> byRun = storage.metrics().summaries(List.of(run.id(), b.id()),
                List.of());

        assertThat(byRun.get(run.id())).containsOnlyKeys("loss", "acc");
        assertThat(byRun.get(b.id())).containsOnlyKeys("loss");
    }

    @Test
    void listsTheMetricKeysOfAProjectWithTheNumberOfRunsHavingEach() {
        Run b = run("vision", "b");
        project("nlp");
        Run bert = run("nlp", "bert");
        storage.metrics().append(run.id(), Map.of("loss", stepsFrom(0, 1), "acc", stepsFrom(0, 1)));
        append(b.id(), "loss", stepsFrom(0, 1));
        append(bert.id(), "bleu", stepsFrom(0, 1));

        assertThat(storage.metrics().keysOfProject("vision")).containsExactly(Map.entry("acc", 1L),
                Map.entry("loss", 2L));
        assertThat(storage.metrics().keysOfProject("nlp")).containsExactly(Map.entry("bleu", 1L));
        assertThat(storage.metrics().keysOfProject("unknown")).isEmpty();
    }

    @Test
    void appendingToAnUnknownRunFailsAndStoresNothing() {
        long before = storage.metrics().pointCount();

        assertThatThrownBy(() -> append("0123456789abcdef", "loss", stepsFrom(0, 1)))
                .isInstanceOf(NotFoundException.class);
        assertThat(storage.metrics().pointCount()).isEqualTo(before);
    }

    @Test
    void emptyColumnsCreateNoSeries() {
        append(run.id(), "loss", stepsFrom(0));

        assertThat(storage.metrics().summaries(run.id())).isEmpty();
    }

    @Test
    void countsEveryStoredPoint() {
        long before = storage.metrics().pointCount();
        storage.metrics().append(run.id(), Map.of("loss", stepsFrom(0, 1, 2, 3, 4), "acc", stepsFrom(0, 1)));

        assertThat(storage.metrics().pointCount()).isEqualTo(before + 5);
    }

    @Test
    void appendsAHundredThousandPointBatch() {
        append(run.id(), "loss", series(100_000, step -> 1.0 / (1 + step)));

        MetricSummary s = summary(run.id(), "loss");
        assertThat(s.count()).isEqualTo(100_000);
        assertThat(s.lastStep()).isEqualTo(99_999);
        assertThat(s.min()).isEqualTo(1.0 / 100_000);
        assertThat(storage.metrics().read(run.id(), "loss", 0, Long.MAX_VALUE, 99_990, 100))
                .extracting(MetricPoint::step).containsExactly(99_990L, 99_991L, 99_992L, 99_993L, 99_994L, 99_995L,
                        99_996L, 99_997L, 99_998L, 99_999L);
    }

    @Test
    void appendsFromManyThreadsAtOnceWithoutLosingAPoint() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(run("vision", "parallel-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Run r : runs) {
                done.add(pool.submit(() -> {
                    for (int batch = 0; batch < 25; batch++) {
                        storage.metrics().append(r.id(),
                                Map.of("loss", series(100, step -> step), "shared", stepsFrom(batch, batch)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        for (Run r : runs) {
            assertThat(summary(r.id(), "loss").count()).isEqualTo(2_500);
            assertThat(summary(r.id(), "shared").count()).isEqualTo(25);
            assertThat(summary(r.id(), "shared").last()).isEqualTo(24);
        }
    }
}
