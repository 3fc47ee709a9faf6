package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The span checkpoint threshold's override for A/B benchmarks (decision 0038): applied when given, checked first. */
class DuckDbCheckpointThresholdTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(DuckDbSpanIngest.CHECKPOINT_THRESHOLD_PROPERTY);
    }

    @Test
    void thePropertyReplacesTheDefaultThresholdWhenTheDatabaseOpens() throws Exception {
        System.setProperty(DuckDbSpanIngest.CHECKPOINT_THRESHOLD_PROPERTY, "16MB");
        Path file = dir.resolve("a.duckdb");
        try (DuckDbStorage storage = DuckDbStorage.open(file);
                var c = DriverManager.getConnection("jdbc:duckdb:" + file);
                var rs = c.createStatement().executeQuery("SELECT current_setting('checkpoint_threshold')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("15.2 MiB"); // 16 MB, DuckDB's default; ours is 128 MB
        }
    }

    @Test
    void withoutThePropertyTheThresholdIs128Megabytes() {
        assertThat(DuckDbSpanIngest.checkpointThreshold()).isEqualTo("128MB");
    }

    @Test
    void aValueThatIsNotASizeIsRejectedBeforeItReachesSql() {
        System.setProperty(DuckDbSpanIngest.CHECKPOINT_THRESHOLD_PROPERTY, "16MB'; SET threads = 1; --");

        assertThatThrownBy(DuckDbSpanIngest::checkpointThreshold).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a size such as 16MB");
    }
}
