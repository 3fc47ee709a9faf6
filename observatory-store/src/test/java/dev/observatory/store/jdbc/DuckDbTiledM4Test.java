package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.store.internal.StepBuckets;
import org.junit.jupiter.api.Test;

/**
 * What the tiled chart statement reads (docs/decisions/0042-m4-aligned-buckets.md): a long series' whole-series chart
 * from tile rows alone, a zoom that cuts its end tiles from those tiles' points by step range, and narrower buckets
 * than a tile's cell still with the edge filter. Exactness is the contract suites' (M4BucketContract).
 */
class DuckDbTiledM4Test {

    /** One million steps 0..999,999 in tiles of 64 steps, as the benchmark writes it. */
    private static final DuckDbMetrics.SeriesRange MILLION = new DuckDbMetrics.SeriesRange(7, 0, 999_999, 0, 6);

    private static String chart(long from, long to, int buckets) {
        StepBuckets b = StepBuckets.of(from, to, buckets, MILLION.minStep(), MILLION.maxStep());
        return DuckDbTiledM4.sql(MILLION, b, buckets);
    }

    @Test
    void aWholeSeriesChartOfAMillionPointsReadsOnlyTileRows() {
        String sql = chart(Long.MIN_VALUE, Long.MAX_VALUE, 1000);

        assertThat(StepBuckets.of(Long.MIN_VALUE, Long.MAX_VALUE, 1000, 0, 999_999).align()).isEqualTo(64);
        assertThat(sql).contains("FROM metric_tiles WHERE series_id = 7 AND tile BETWEEN 0 AND 15624")
                .doesNotContain("metric_points").doesNotContain("%");
    }

    @Test
    void aZoomThatCutsBothEndTilesReadsTheirPointsByStepRange() {
        String sql = chart(1_003, 999_000, 100);

        assertThat(sql).contains("tile BETWEEN 16 AND 15608").contains("step BETWEEN 1003 AND 1023")
                .contains("step BETWEEN 998976 AND 999000").doesNotContain("%");
    }

    @Test
    void aZoomOnTileEdgesReadsOnlyTileRows() {
        assertThat(chart(1_024, 999_999, 100)).doesNotContain("metric_points");
        assertThat(chart(0, 64 * 10_000 - 1, 100)).doesNotContain("metric_points");
    }

    @Test
    void bucketsNarrowerThanEightTilesKeepTheEdgeFilter() {
        String sql = chart(450_000, 550_000, 1000);

        assertThat(StepBuckets.of(450_000, 550_000, 1000, 0, 999_999).align()).isEqualTo(8);
        assertThat(sql).contains("metric_points").contains("%");
    }

    @Test
    void theEqualWidthBaselineKeepsTheEdgeFilter() {
        System.setProperty(StepBuckets.LEGACY_PROPERTY, "true");
        try {
            assertThat(chart(Long.MIN_VALUE, Long.MAX_VALUE, 1000)).contains("metric_points").contains("%");
        } finally {
            System.clearProperty(StepBuckets.LEGACY_PROPERTY);
        }
    }
}
