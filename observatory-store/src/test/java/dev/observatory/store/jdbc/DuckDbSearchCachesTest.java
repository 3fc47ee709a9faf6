package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.NewRun;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowSearchRow;
import dev.observatory.store.RunQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read caches of an MLflow search page are kept current by the writes instead of being emptied (decision 0040): a
 * search right after metrics, side tags or an experiment tag were written finds them cached, with the values a read of
 * the database gives (the same order too), and a write whose value may be older than a later one is not cached.
 */
class DuckDbSearchCachesTest {

    @TempDir
    Path dir;

    static MetricColumns point(long step, double value) {
        return new MetricColumns(new long[] { step }, new double[] { value }, new long[] { 1_000 + step });
    }

    DuckDbStorage open() {
        return DuckDbStorage.open(dir.resolve("o.duckdb"), Clock.systemUTC(), DuckDbStorage.MetricDurability.PROCESS);
    }

    @Test
    void appliedMetricBatchesLeaveTheRunsSummariesCachedAsTheDatabaseReadsThem() {
        String run;
        List<MetricSummary> cached;
        try (DuckDbStorage s = open()) {
            s.projects().create("p", null);
            run = s.runs().create(NewRun.of("p", "r")).id();
            s.metrics().append(run,
                    Map.of("loss", point(1, 0.5), "z\uFFFD", point(1, 1), "z\uD83D\uDE00", point(1, 2)));
            s.metrics().summaries(run); // cached
            s.metrics().append(run, Map.of("loss", point(2, 0.25), "acc", point(2, 0.9)));
            DuckDbMetrics metrics = (DuckDbMetrics) s.metrics();
            metrics.awaitAll();
            cached = metrics.summaryCache().peek(run);
            assertThat(cached).as("refreshed on apply, not emptied").isNotNull();
            assertThat(cached).extracting(MetricSummary::key).containsExactly("acc", "loss", "z\uFFFD",
                    "z\uD83D\uDE00");
            assertThat(cached.get(1).last()).isEqualTo(0.25);
            assertThat(cached.get(1).count()).isEqualTo(2);
        }
        try (DuckDbStorage s = open()) {
            assertThat(s.metrics().summaries(run)).as("read from the database").isEqualTo(cached);
        }
    }

    @Test
    void aSearchPageRightAfterWritesHasTheNewValuesWithoutReadingThemAgain() {
        try (DuckDbStorage s = open()) {
            s.projects().create("p", null);
            MlflowExperiment e = s.mlflow().experiment("p");
            String a = s.runs().create(NewRun.of("p", "a")).id();
            String b = s.runs().create(NewRun.of("p", "b")).id();
            s.metrics().append(a, Map.of("loss", point(1, 0.1)));
            s.metrics().append(b, Map.of("loss", point(1, 0.2)));
            RunQuery q = new RunQuery("p", null, null, null, List.of(new RunQuery.MetricFilter("loss", "<", 0.5)), null,
                    "metric:loss", false, 1, 0);
            assertThat(s.mlflow().searchPage(q, "gone", 0, 10).orElseThrow()).extracting(r -> r.run().id())
                    .containsExactly(a, b);

            s.metrics().append(a, Map.of("loss", point(2, 0.3)));
            s.mlflow().updateRunTags(b, Map.of("mlflow.note", "x"), List.of());
            s.mlflow().setTag(e.id(), "k", "v");
            ((DuckDbMetrics) s.metrics()).awaitAll();

            DuckDbMlflow mlflow = (DuckDbMlflow) s.mlflow();
            assertThat(((DuckDbMetrics) s.metrics()).summaryCache().peek(a)).isNotNull();
            List<MlflowSearchRow> page = mlflow.searchPage(q, "gone", 0, 10).orElseThrow();
            assertThat(page).extracting(r -> r.run().id()).containsExactly(b, a);
            assertThat(page.get(1).metrics()).singleElement()
                    .satisfies(m -> assertThat(List.of(m.value(), m.step())).isEqualTo(List.of(0.3, 2L)));
            assertThat(page.get(0).sideTags()).isEqualTo(Map.of("mlflow.note", "x"));
            assertThat(s.mlflow().experimentById(e.id()).orElseThrow().tags()).isEqualTo(Map.of("k", "v"));

            s.mlflow().updateRunTags(b, Map.of(), List.of("mlflow.note"));
            assertThat(mlflow.searchPage(q, "gone", 0, 10).orElseThrow().get(0).sideTags()).isEmpty();
        }
    }

    @Test
    void aWrittenValueIsCachedOnlyWhenNoLaterWriteBegan() {
        DuckDbReadCache<String> cache = new DuckDbReadCache<>(10);
        long first = cache.nextWrite();
        long second = cache.nextWrite();
        cache.written("k", "second", second);
        cache.written("k", "first", first);
        assertThat(cache.peek("k")).as("the older write forgets rather than overwrites").isNull();
        long third = cache.nextWrite();
        cache.written("k", "third", third);
        assertThat(cache.peek("k")).isEqualTo("third");
        cache.written("k", null, third);
        assertThat(cache.peek("k")).isNull();
    }

    @Test
    void aLoadThatOverlapsARefreshDoesNotLeaveItsOlderValue() {
        DuckDbReadCache<String> cache = new DuckDbReadCache<>(10);
        String loaded = cache.get("k", () -> {
            cache.refresh("k", "fresh");
            return "stale";
        });
        assertThat(loaded).isEqualTo("stale");
        assertThat(cache.peek("k")).isNotEqualTo("stale");
    }
}
