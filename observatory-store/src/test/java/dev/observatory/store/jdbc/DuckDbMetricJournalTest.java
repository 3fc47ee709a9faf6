package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.NewRun;
import dev.observatory.store.NotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric journal of the DuckDB store (decision 0018) on real files: what a crash leaves in the journal is applied
 * at the next open, exactly once; a record cut short by a crash is dropped and the ones before it are kept; a clean
 * shutdown leaves no journal behind; a batch is readable as soon as its append returns.
 */
class DuckDbMetricJournalTest {

    @TempDir
    Path dir;

    Path db() {
        return dir.resolve("o.duckdb");
    }

    Path journalDir() {
        return dir.resolve("o.duckdb.journal");
    }

    String newRun() {
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            s.projects().create("p", null);
            return s.runs().create(NewRun.of("p", "r")).id();
        }
    }

    static MetricColumns steps(long from, int n) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = from + i;
            values[i] = i == 1 ? Double.NaN : from + i * 0.5;
            ts[i] = 1_000 + from + i;
        }
        return new MetricColumns(steps, values, ts);
    }

    /** Writes journal records the way a server that crashed before applying them leaves them. */
    void crashLeftBehind(String runId, long firstSeq, int records) {
        try (DuckDbMetricJournal j = DuckDbMetricJournal.open(journalDir(), true, firstSeq - 1, e -> {
        })) {
            for (int r = 0; r < records; r++) {
                long seq = j.append(DuckDbJournalCodec.encode(runId, Map.of("loss", steps(r * 10L, 10))), s -> {
                });
                j.sync(seq);
            }
        }
    }

    List<MetricPoint> loss(DuckDbStorage s, String runId) {
        return s.metrics().read(runId, "loss", Long.MIN_VALUE, Long.MAX_VALUE, 0, 1000);
    }

    @Test
    void batchesLeftInTheJournalByACrashAreAppliedAtTheNextOpen() {
        String runId = newRun();
        crashLeftBehind(runId, 1, 3);
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            List<MetricPoint> points = loss(s, runId);
            assertThat(points).hasSize(30);
            assertThat(points.get(1).value()).isNaN();
            assertThat(points.get(29).step()).isEqualTo(29);
            assertThat(s.metrics().summaries(runId).get(0).count()).isEqualTo(30);
        }
        assertThat(segments()).as("a clean shutdown leaves no journal").isEmpty();
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            assertThat(loss(s, runId)).hasSize(30);
        }
    }

    @Test
    void recordsAlreadyAppliedAreNotAppliedTwice() throws IOException {
        String runId = newRun();
        crashLeftBehind(runId, 1, 2);
        Path saved = dir.resolve("saved");
        Files.createDirectories(saved);
        for (Path p : segments()) {
            Files.copy(p, saved.resolve(p.getFileName()));
        }
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            assertThat(loss(s, runId)).hasSize(20);
        }
        for (Path p : listed(saved)) { // the same records again, as if the segments had not been deleted
            Files.copy(p, journalDir().resolve(p.getFileName()));
        }
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            assertThat(loss(s, runId)).hasSize(20);
        }
    }

    @Test
    void aRecordCutShortByACrashIsDroppedAndTheOnesBeforeItAreKept() throws IOException {
        String runId = newRun();
        crashLeftBehind(runId, 1, 2);
        Path last = segments().get(segments().size() - 1);
        long intact = Files.size(last);
        ByteBuffer partial = ByteBuffer.allocate(40).putInt(0x4F424A31).putInt(500).putLong(3).flip();
        Files.write(last, partial.array(), StandardOpenOption.APPEND);
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            assertThat(loss(s, runId)).hasSize(20);
            assertThat(Files.exists(last) ? Files.size(last) : intact).isEqualTo(intact);
            s.metrics().append(runId, Map.of("loss", steps(100, 5)));
            assertThat(loss(s, runId)).hasSize(25);
        }
    }

    @Test
    void zerosArePreparedAheadOfTheRecordsAndReadingStopsThereQuietly() throws IOException {
        String runId = newRun();
        crashLeftBehind(runId, 1, 3);
        Path segment = segments().get(0);
        assertThat(Files.size(segment)).as("zeros written ahead of the records (fsync mode)")
                .isGreaterThan(DuckDbJournalSpace.STEP_BYTES / 2);
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            assertThat(loss(s, runId)).hasSize(30);
        }
    }

    @Test
    void aRecordAfterTheSegmentsLastOneThatIsNotTheNextSequenceIsNotReplayed() throws IOException {
        String runId = newRun();
        ByteBuffer stale; // a valid record with sequence 7, as a reused segment's old contents could hold
        Path other = dir.resolve("other");
        try (DuckDbMetricJournal j = DuckDbMetricJournal.open(other, false, 6, e -> {
        })) {
            j.append(DuckDbJournalCodec.encode(runId, Map.of("loss", steps(500, 10))), s -> {
            });
        }
        byte[] file = Files.readAllBytes(listed(other).get(0));
        stale = ByteBuffer.wrap(file);
        crashLeftBehind(runId, 1, 2);
        Path segment = segments().get(0);
        long end = 2L * file.length; // two records of the same size as the stale one
        try (var ch = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(stale, end);
        }
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            assertThat(loss(s, runId)).as("records 1 and 2 only").hasSize(20);
        }
    }

    @Test
    void anAcknowledgedBatchIsReadableAtOnceAndAnUnknownRunIsRefused() {
        String runId = newRun();
        try (DuckDbStorage s = DuckDbStorage.open(db(), Clock.systemUTC(), DuckDbStorage.MetricDurability.FSYNC)) {
            for (int b = 0; b < 50; b++) {
                s.metrics().append(runId, Map.of("loss", steps(b * 10L, 10)));
                assertThat(s.metrics().summaries(runId).get(0).count()).isEqualTo((b + 1) * 10L);
            }
            assertThat(s.metrics().downsample(runId, "loss", 0, 499, 10)).hasSize(10);
            assertThat(s.metrics().pointCount()).isEqualTo(500);
            assertThatThrownBy(() -> s.metrics().append("no-such-run", Map.of("loss", steps(0, 3))))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void theCallersArraysMayBeReusedOnceAppendReturns() {
        String runId = newRun();
        try (DuckDbStorage s = DuckDbStorage.open(db())) {
            MetricColumns c = steps(0, 4);
            s.metrics().append(runId, Map.of("loss", c));
            c.values()[0] = 99;
            c.steps()[0] = 99;
            List<MetricPoint> points = loss(s, runId);
            assertThat(points.get(0).step()).isZero();
            assertThat(points.get(0).value()).isZero();
        }
    }

    @Test
    void theCommitModeWritesNoJournal() {
        String runId = newRun();
        try (DuckDbStorage s = DuckDbStorage.open(db(), Clock.systemUTC(), DuckDbStorage.MetricDurability.COMMIT)) {
            s.metrics().append(runId, Map.of("loss", steps(0, 4)));
            assertThat(loss(s, runId)).hasSize(4);
            assertThat(segments()).isEmpty();
        }
        try (DuckDbStorage s = DuckDbStorage.open(db(), Clock.systemUTC(), DuckDbStorage.MetricDurability.PROCESS)) {
            s.metrics().append(runId, Map.of("loss", steps(10, 4)));
            assertThat(segments()).as("the journal modes write one while open").isNotEmpty();
            assertThat(loss(s, runId)).hasSize(8);
        }
    }

    List<Path> segments() {
        return Files.isDirectory(journalDir()) ? listed(journalDir()) : List.of();
    }

    static List<Path> listed(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return new ArrayList<>(s.sorted().toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
