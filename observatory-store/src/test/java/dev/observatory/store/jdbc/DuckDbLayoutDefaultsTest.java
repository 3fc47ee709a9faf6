package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defaults of decision 0036: a store opened with no system property rewrites its metric points by series in idle
 * time (the 1 M-point chart's layout), and lets DuckDB's allocator purge freed memory in the background (the idle RSS
 * that rewrite used to cost). {@code -Dobservatory.pointCompaction=false} turns the rewrite off.
 */
class DuckDbLayoutDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void aStoreOpenedWithoutSettingsRewritesItsPointsBySeriesOnceIngestPauses() {
        String before = System.clearProperty("observatory.pointCompaction");
        try (DuckDbStorage s = DuckDbStorage.open(dir.resolve("o.duckdb"))) {
            s.writer().pointLayout().limits(new DuckDbPointLayout.Limits(1, 1_000, 1_000_000));
            String runId = DuckDbPointLayoutTest.writeInterleaved(s);
            assertThat(s.awaitMetricLayout(Duration.ofSeconds(60))).isTrue();
            assertThat(DuckDbPointLayoutTest.seriesChanges(s)).isEqualTo(3);
            assertThat(s.metrics().read(runId, "loss", 0, Long.MAX_VALUE, 0, 10_000)).hasSize(9_000);
        } finally {
            restore(before);
        }
    }

    @Test
    void theRewriteCanBeTurnedOff() {
        String before = System.setProperty("observatory.pointCompaction", "false");
        try (DuckDbStorage s = DuckDbStorage.open(dir.resolve("o.duckdb"))) {
            s.writer().pointLayout().limits(new DuckDbPointLayout.Limits(1, 1_000, 1_000_000));
            DuckDbPointLayoutTest.writeInterleaved(s);
            assertThat(s.awaitMetricLayout(Duration.ofSeconds(60))).isTrue();
            s.writer().compactPoints(new DuckDbPointLayout.Limits(1, 1_000, 1_000_000));
            assertThat(DuckDbPointLayoutTest.seriesChanges(s)).isGreaterThan(80); // 30 interleaved batches
        } finally {
            restore(before);
        }
    }

    @Test
    void duckDbPurgesFreedMemoryInTheBackground() {
        try (DuckDbStorage s = DuckDbStorage.open(dir.resolve("o.duckdb"))) {
            java.util.List<Boolean> purging = s.connections().read(c -> DuckDbSql.list(c,
                    "SELECT current_setting('allocator_background_threads')", rs -> rs.getBoolean(1)));
            assertThat(purging).containsExactly(true);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty("observatory.pointCompaction");
        } else {
            System.setProperty("observatory.pointCompaction", value);
        }
    }
}
