package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.query.SqlQuery;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only SQL on DuckDB, plus what only DuckDB has: metric points and a cross join that never ends. */
class DuckDbSqlQueryTest extends SqlQueryContract {

    @TempDir
    java.nio.file.Path dir;

    private final AtomicInteger files = new AtomicInteger();

    @Override
    StorageComponent newStorage() {
        return DuckDbStorage.open(dir.resolve("db-" + files.incrementAndGet()).resolve("observatory.duckdb"));
    }

    @Test
    void joinsMetricPointsToTheirSeries() {
        String id = runA.id();
        storage.metrics().append(id, Map.of("loss", stepsFrom(0, 4, 3, 2, 1)));

        var r = sql("SELECT s.metric_key, min(p.value) AS best, max(p.step) AS last_step FROM metric_points p"
                + " JOIN series s USING (series_id) WHERE s.run_id = '" + id + "' GROUP BY s.metric_key");

        assertThat(r.rows()).containsExactly(List.of("loss", 1.0, 3L));
    }

    @Test
    void cancelsAnEndlessCrossJoin() {
        assertThatThrownBy(() -> storage.sql()
                .query(new SqlQuery(
                        "SELECT count(*) FROM range(100000000) a," + " range(100000000) b WHERE a.range + b.range < 0",
                        10, Duration.ofMillis(300)))).hasMessageContaining("time limit");
        assertThat(sql("SELECT 1 AS one").rows()).containsExactly(List.of(1L));
    }

    @Test
    void theStoreKeepsWritingAfterItsInstanceWasLockedDown() {
        project("after");
        assertThat(sql("SELECT count(*) FROM projects").rows()).containsExactly(List.of(3L));
        assertThat(storage.sql().sandbox()).contains("external access disabled");
    }
}
