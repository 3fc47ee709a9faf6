package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint thread (decision 0046): it checkpoints once the WAL reaches the threshold while span batches keep
 * being committed from several callers, nothing acknowledged is lost or doubled, and the threshold setting is checked
 * before it reaches SQL.
 */
class DuckDbCheckpointerTest {

    static final long T0 = 1_735_689_600_000_000_000L;

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(DuckDbCheckpointer.THRESHOLD_PROPERTY);
        System.clearProperty(DuckDbCheckpointer.BACKGROUND_PROPERTY);
    }

    @Test
    void thePropertySetsTheThreadsThresholdAndDuckDbsOwnBackstopAtFourTimesIt() throws Exception {
        System.setProperty(DuckDbCheckpointer.THRESHOLD_PROPERTY, "16MB");
        assertThat(automaticThreshold(dir.resolve("a.duckdb"))).isEqualTo("61.0 MiB"); // 64 MB
    }

    @Test
    void withTheThreadTurnedOffDuckDbCheckpointsInTheCommitAtTheThresholdItself() throws Exception {
        System.setProperty(DuckDbCheckpointer.THRESHOLD_PROPERTY, "16MB");
        System.setProperty(DuckDbCheckpointer.BACKGROUND_PROPERTY, "false");
        Path file = dir.resolve("b.duckdb");
        try (DuckDbStorage storage = DuckDbStorage.open(file)) {
            assertThat(storage.checkpointer()).isNull();
        }
        assertThat(automaticThreshold(dir.resolve("c.duckdb"))).isEqualTo("15.2 MiB");
    }

    @Test
    void withoutThePropertyTheThresholdIs128Megabytes() {
        assertThat(DuckDbCheckpointer.threshold()).isEqualTo("128MB");
        assertThat(DuckDbCheckpointer.bytes("128MB")).isEqualTo(128_000_000L);
    }

    @Test
    void sizesAreReadInDuckDbsUnits() {
        assertThat(DuckDbCheckpointer.bytes("1KB")).isEqualTo(1000);
        assertThat(DuckDbCheckpointer.bytes("1KiB")).isEqualTo(1024);
        assertThat(DuckDbCheckpointer.bytes("1.5 GiB")).isEqualTo(1_610_612_736L);
        assertThat(DuckDbCheckpointer.bytes("2GB")).isEqualTo(2_000_000_000L);
        assertThat(DuckDbCheckpointer.bytes("512B")).isEqualTo(512);
    }

    @Test
    void aValueThatIsNotASizeIsRejectedBeforeItReachesSql() {
        System.setProperty(DuckDbCheckpointer.THRESHOLD_PROPERTY, "16MB'; SET threads = 1; --");

        assertThatThrownBy(DuckDbCheckpointer::threshold).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a size such as 16MB");
    }

    @Test
    void checkpointsBesideConcurrentSpanCommitsAndLosesNothing() throws Exception {
        System.setProperty(DuckDbCheckpointer.THRESHOLD_PROPERTY, "1MB");
        Path file = dir.resolve("d.duckdb");
        int callers = 4;
        int batches = 30;
        int perBatch = 500;
        try (DuckDbStorage storage = DuckDbStorage.open(file)) {
            DuckDbCheckpointer checkpointer = storage.checkpointer();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    int caller = c;
                    done.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            storage.traces().write(batch(caller * batches + b, perBatch));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (checkpointer.checkpoints() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(checkpointer.checkpoints()).as("background checkpoints").isPositive();
            assertThat(storage.traces().countSpans()).isEqualTo((long) callers * batches * perBatch);
        }
        try (DuckDbStorage reopened = DuckDbStorage.open(file)) {
            assertThat(reopened.traces().countSpans()).isEqualTo((long) callers * batches * perBatch);
            assertThat(reopened.traces().trace(String.format("%032x", 7))).hasSize(perBatch);
        }
    }

    @Test
    void closingWhileTheThreadWaitsStopsItPromptly() throws Exception {
        Path file = dir.resolve("e.duckdb");
        DuckDbStorage storage = DuckDbStorage.open(file);
        long t0 = System.nanoTime();
        storage.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("close ms").isLessThan(5_000);
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .doesNotContain("duckdb-checkpointer");
    }

    private static List<TracedSpan> batch(int trace, int spans) {
        List<TracedSpan> out = new ArrayList<>(spans);
        String traceId = String.format("%032x", trace);
        for (int s = 1; s <= spans; s++) {
            long start = T0 + trace * 1_000_000L + s;
            out.add(new TracedSpan(new Span(traceId, String.format("%016x", s), s == 1 ? null : "0000000000000001",
                    "svc-" + trace % 3, "op " + s % 17, SpanKind.INTERNAL, start, start + 1_000, SpanStatus.OK, null,
                    Map.of("k", "value " + s, "n", (long) s), Map.of("service.name", "svc-" + trace % 3), "scope", "1",
                    List.of(), List.of()), SpanFacts.NONE));
        }
        return out;
    }

    private static String automaticThreshold(Path file) throws Exception {
        try (DuckDbStorage storage = DuckDbStorage.open(file);
                var c = DriverManager.getConnection("jdbc:duckdb:" + file);
                var rs = c.createStatement().executeQuery("SELECT current_setting('checkpoint_threshold')")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
