package dev.observatory.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.analysis.Direction;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.NewRun;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * compare_runs reads the charts and error lines of all its runs in bulk (MetricStore.downsampleRuns,
 * LogStore.queryRuns) instead of run by run: the facts, scores and health it ranks on must be exactly those of each run
 * read alone.
 */
class CompareBulkReadTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "memory", "duckdb" })
    void bulkReadsGiveEveryRunTheFactsItsOwnReadsGive(String backend) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        StorageComponent store = backend.equals("memory") ? new InMemoryStorage(clock)
                : DuckDbStorage.open(dir.resolve("o.duckdb"), clock);
        Auditor auditor = new Auditor(store.audit(), clock);
        try {
            Tracking tracking = new Tracking(store, clock, false, auditor);
            store.projects().create("p", null);
            SplittableRandom rnd = new SplittableRandom(7);
            List<String> ids = new ArrayList<>();
            for (int r = 0; r < 6; r++) {
                String id = store.runs().create(NewRun.of("p", "run-" + r)).id();
                // runs 0-4 are charted (3,000+ points, bulk); run 5 is short enough to be read whole
                int n = r == 5 ? 1_200 : 3_000 + 700 * r;
                store.metrics().append(id, Map.of("train/loss", curve(n, 1 + r % 3, rnd, r == 2 ? 1_500 : -1),
                        "train/samples_per_sec", curve(r == 4 ? 300 : 800, 5, rnd, -1)));
                List<LogLine> lines = new ArrayList<>();
                for (int i = 0; i < 40 * r; i++) {
                    String text = i % 3 == 0 ? "CUDA out of memory at step " + i : "RuntimeError: worker " + (i % 2);
                    lines.add(new LogLine(null, 0, NOW.plusMillis(i), "stderr", i % 4 == 0 ? "INFO" : "ERROR", text));
                }
                if (!lines.isEmpty()) {
                    store.logs().append(id, lines);
                }
                ids.add(id);
            }

            SeriesReader reader = new SeriesReader(tracking);
            Map<String, List<MetricSummary>> summaries = new LinkedHashMap<>();
            Map<String, MetricSummary> loss = new LinkedHashMap<>();
            ids.forEach(id -> summaries.put(id, tracking.metricSummaries(id)));
            ids.forEach(id -> loss.put(id, Checks.summary(id, summaries.get(id), "train/loss")));
            Map<String, SeriesData> primary = RunFacts.lightPrimary(reader, loss);
            Map<String, SeriesData> throughput = RunFacts.lightThroughput(reader, summaries);
            Map<String, List<LogLine>> errors = RunFacts.lightErrors(tracking, ids);

            assertThat(primary).containsOnlyKeys(ids.subList(0, 5));
            assertThat(throughput).containsOnlyKeys(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(5));
            for (String id : ids) {
                RunFacts alone = RunFacts.light(tracking, id, "train/loss", Direction.LOWER_IS_BETTER);
                RunFacts bulk = RunFacts.light(tracking, tracking.getRun(id), summaries.get(id), "train/loss",
                        Direction.LOWER_IS_BETTER, primary.get(id), throughput.get(id), errors.get(id));
                assertSameSeries(bulk.primary, alone.primary);
                assertThat(bulk.throughputCv).as(id).isEqualTo(alone.throughputCv);
                assertThat(bulk.throughputTailRatio).as(id).isEqualTo(alone.throughputTailRatio);
                assertThat(bulk.logs).as(id).isEqualTo(alone.logs);
                assertThat(Scoring.scores(bulk)).as(id).isEqualTo(Scoring.scores(alone));
            }
            assertThat(primary.get(ids.get(0)).sampled()).isTrue();
            assertThat(errors.get(ids.get(3))).hasSize(90);

            RunComparison c = new Analysis(tracking).compareRuns(ids, "train/loss", null, "last");
            for (RunComparison.RankedRun row : c.ranking()) {
                RunFacts alone = RunFacts.light(tracking, row.runId(), "train/loss", Direction.LOWER_IS_BETTER);
                Scores s = Scoring.scores(alone);
                assertThat(row.scores()).isEqualTo(s);
                assertThat(row.health()).isEqualTo(Scoring.health(s, Scoring.bottlenecks(alone)));
            }
        } finally {
            auditor.close();
            store.close();
        }
    }

    private static void assertSameSeries(SeriesData actual, SeriesData expected) {
        assertThat(actual.steps()).isEqualTo(expected.steps());
        assertThat(actual.values()).isEqualTo(expected.values());
        assertThat(actual.sampled()).isEqualTo(expected.sampled());
        assertThat(actual.totalPoints()).isEqualTo(expected.totalPoints());
    }

    /** A noisy power-law loss; NaN at {@code nanAt} when it is not negative. */
    private static MetricColumns curve(int n, int stride, SplittableRandom rnd, int nanAt) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = (long) i * stride;
            values[i] = i == nanAt ? Double.NaN
                    : 0.3 + 2.0 * Math.pow(1 + i / 300.0, -0.7) * (1 + 0.05 * rnd.nextGaussian());
            ts[i] = NOW.toEpochMilli() + i;
        }
        return new MetricColumns(steps, values, ts);
    }
}
