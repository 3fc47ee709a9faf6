package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.ApiKey;
import dev.observatory.model.AuditEvent;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.store.LogQuery;
import dev.observatory.store.RunQuery;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DuckDB file keeps across a restart, and after a crash (every acknowledged write). */
class DuckDbRestartTest {

    static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");

    @TempDir
    Path dir;

    private static MetricColumns points(long fromStep, double... values) {
        long[] steps = new long[values.length];
        long[] ts = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            steps[i] = fromStep + i;
            ts[i] = 1_000 + fromStep + i;
        }
        return new MetricColumns(steps, values, ts);
    }

    @Test
    void findsEverythingAgainAfterReopeningTheFile() {
        Path file = dir.resolve("data").resolve("observatory.duckdb");
        Run run;
        MetricSummary loss;
        try (DuckDbStorage storage = DuckDbStorage.open(file)) {
            storage.projects().create("vision", "image models");
            run = storage.runs().create(new NewRun("vision", "baseline", RunStatus.RUNNING, "ada", List.of("resnet"),
                    Map.of("lr", 0.001, "opt", Map.of("name", "adam")), "notes", T, "abc", "gpu-1"));
            run = storage.runs().update(run.id(), RunPatch.status(RunStatus.FINISHED));
            storage.metrics().append(run.id(), Map.of("loss", points(0, 3, 1, Double.NaN, 2)));
            loss = storage.metrics().summaries(run.id()).get(0);
            storage.logs().append(run.id(), List.of(new LogLine(null, 0, T, "stdout", "INFO", "epoch 1")));
            storage.audit().record(new AuditEvent(0, T, "ci", "rest", "run.create", run.id(), "{}"));
            storage.keys().create(new ApiKey("k1", "ci", "f".repeat(64), Set.of(ApiKey.Scope.WRITE), T, null));
        }

        try (DuckDbStorage reopened = DuckDbStorage.open(file)) {
            assertThat(reopened.projects().list()).extracting(p -> p.description()).containsExactly("image models");
            assertThat(reopened.runs().get(run.id())).contains(run);
            assertThat(reopened.runs().list(RunQuery.all("vision", 10))).containsExactly(run);
            assertThat(reopened.metrics().summaries(run.id())).containsExactly(loss);
            assertThat(reopened.metrics().read(run.id(), "loss", 0, 10, 0, 10)).extracting(MetricPoint::value)
                    .containsExactly(3.0, 1.0, Double.NaN, 2.0);
            assertThat(reopened.logs().query(run.id(), LogQuery.tail(10))).extracting(LogLine::text)
                    .containsExactly("epoch 1");
            assertThat(reopened.audit().list(Long.MAX_VALUE, 10)).extracting(AuditEvent::action)
                    .containsExactly("run.create");
            assertThat(reopened.keys().findByHash("f".repeat(64))).isPresent();
            assertThat(reopened.sizeBytes()).isPositive();
        }
    }

    @Test
    void continuesSummariesSequencesAndIdsAfterReopening() {
        Path file = dir.resolve("observatory.duckdb");
        String runId;
        try (DuckDbStorage storage = DuckDbStorage.open(file)) {
            storage.projects().create("vision", null);
            runId = storage.runs().create(NewRun.of("vision", "r")).id();
            storage.metrics().append(runId, Map.of("loss", points(0, 5, 4)));
            storage.logs().append(runId, List.of(new LogLine(null, 0, T, "stdout", null, "before")));
            storage.audit().record(new AuditEvent(0, T, "ci", "rest", "first", null, null));
        }

        try (DuckDbStorage reopened = DuckDbStorage.open(file)) {
            reopened.metrics().append(runId, Map.of("loss", points(2, 1, 6), "acc", points(0, 0.5)));
            reopened.logs().append(runId, List.of(new LogLine(null, 0, T, "stdout", null, "after")));
            AuditEvent second = reopened.audit().record(new AuditEvent(0, T, "ci", "rest", "second", null, null));

            assertThat(reopened.metrics().summaries(runId)).containsExactly(
                    new MetricSummary("acc", 1, 0, 0, 0.5, 0, 0.5, 1_000, 0.5, 0, 0.5, 0),
                    new MetricSummary("loss", 4, 0, 0, 5, 3, 6, 1_003, 1, 2, 6, 3));
            assertThat(reopened.metrics().read(runId, "acc", 0, 10, 0, 10)).hasSize(1);
            assertThat(reopened.metrics().pointCount()).isEqualTo(5);
            List<LogLine> lines = reopened.logs().query(runId, LogQuery.tail(10));
            assertThat(lines).extracting(LogLine::text).containsExactly("before", "after");
            assertThat(lines.get(1).seq()).isGreaterThan(lines.get(0).seq());
            assertThat(reopened.audit().list(Long.MAX_VALUE, 10)).first().isEqualTo(second);
            assertThat(second.id()).isEqualTo(2);
        }
    }

    @Test
    void keepsEveryAcknowledgedWriteWhenTheProcessDiesWithoutClosing() throws IOException {
        Path file = dir.resolve("live.duckdb");
        Path crashCopy = dir.resolve("crash").resolve("live.duckdb");
        DuckDbStorage storage = DuckDbStorage.open(file);
        try {
            storage.projects().create("vision", null);
            String runId = storage.runs().create(NewRun.of("vision", "r")).id();
            for (int batch = 0; batch < 20; batch++) {
                storage.metrics().append(runId, Map.of("loss", points(batch * 100L, new double[100])));
            }
            // the files as a kill -9 would leave them right now: no close, no checkpoint, the metric journal still
            // holding the batches (decision 0018). The read first waits until the writer applied them, so that the
            // copy is not taken in the middle of a DuckDB write; the journal's records must then not be applied twice.
            assertThat(storage.metrics().pointCount()).isEqualTo(2_000);
            Files.createDirectories(crashCopy.getParent());
            Files.copy(file, crashCopy);
            Path journal = Path.of(file + ".journal");
            Path journalCopy = Path.of(crashCopy + ".journal");
            Files.createDirectories(journalCopy);
            try (var segments = Files.list(journal)) {
                for (Path segment : segments.toList()) {
                    Files.copy(segment, journalCopy.resolve(segment.getFileName()));
                }
            }
            Path wal = Path.of(file + ".wal");
            if (Files.exists(wal)) {
                Files.copy(wal, Path.of(crashCopy + ".wal"));
            }

            try (DuckDbStorage recovered = DuckDbStorage.open(crashCopy)) {
                assertThat(recovered.metrics().summaries(runId)).singleElement()
                        .satisfies(s -> assertThat(s.count()).isEqualTo(2_000));
                assertThat(recovered.metrics().pointCount()).isEqualTo(2_000);
            }
        } finally {
            storage.close();
        }
    }

    @Test
    void downsamplesAMillionPointsToTheChartWidth() {
        try (DuckDbStorage storage = DuckDbStorage.open(dir.resolve("big.duckdb"))) {
            storage.projects().create("vision", null);
            String runId = storage.runs().create(NewRun.of("vision", "r")).id();
            for (int batch = 0; batch < 10; batch++) {
                double[] values = new double[100_000];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Math.sin((batch * 100_000.0 + i) / 10_000.0);
                }
                storage.metrics().append(runId, Map.of("loss", points(batch * 100_000L, values)));
            }

            var chart = storage.metrics().downsample(runId, "loss", 0, 999_999, 1000);

            // edges on multiples of 64 steps (decision 0042): 1,000 buckets of 960 to 1,024 points
            assertThat(chart).hasSize(1000).allSatisfy(b -> assertThat(b.count()).isBetween(1000L - 64, 1000L + 64));
            assertThat(chart).allSatisfy(b -> assertThat(b.firstStep() % 64).isZero());
            assertThat(chart.stream().mapToLong(b -> b.count()).sum()).isEqualTo(1_000_000);
            assertThat(chart.get(0).first()).isEqualTo(0.0);
            assertThat(chart.get(999).lastStep()).isEqualTo(999_999);
        }
    }

    @Test
    void chartsASeriesContinuedAfterARestartExactlyAsM4() {
        Path file = dir.resolve("tiles").resolve("observatory.duckdb");
        int n = 60_000;
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = i % 101 == 7 ? Double.NaN : random.nextGaussian();
            ts[i] = 1_000 + i;
        }
        MetricColumns all = new MetricColumns(steps, values, ts);
        Run run;
        try (DuckDbStorage storage = DuckDbStorage.open(file)) {
            storage.projects().create("vision", "");
            run = storage.runs().create(NewRun.of("vision", "long"));
            storage.metrics().append(run.id(), Map.of("loss", slice(all, 0, 25_000)));
        }
        try (DuckDbStorage reopened = DuckDbStorage.open(file)) {
            // the series is tiled already: the next batches add tile rows, never a second copy of the first ones
            reopened.metrics().append(run.id(), Map.of("loss", slice(all, 25_000, 40_000)));
            reopened.metrics().append(run.id(), Map.of("loss", slice(all, 40_000, n)));
            assertThat(reopened.metrics().downsample(run.id(), "loss", Long.MIN_VALUE, Long.MAX_VALUE, 200))
                    .containsExactlyElementsOf(M4Reference.buckets(all, 0, n - 1, 200));
            assertThat(reopened.metrics().downsample(run.id(), "loss", 1_234, 54_321, 100))
                    .containsExactlyElementsOf(M4Reference.buckets(all, 1_234, 54_321, 100));
        }
    }

    private static MetricColumns slice(MetricColumns c, int from, int to) {
        return new MetricColumns(java.util.Arrays.copyOfRange(c.steps(), from, to),
                java.util.Arrays.copyOfRange(c.values(), from, to),
                java.util.Arrays.copyOfRange(c.timestampsMs(), from, to));
    }
}
