package dev.observatory.store.jdbc;

import dev.observatory.store.internal.StepBuckets;

/**
 * M4 over the tiles (docs/decisions/0008-duckdb-m4-tiles.md): a tile lying inside one bucket contributes its stored
 * summary rows; the points of the few tiles that straddle a bucket edge (or the range ends) are read raw. Both become
 * rows of one shape and one GROUP BY merges them, so the result equals M4 over every point while the expensive
 * arg_min/arg_max aggregates see about 1/64 of the rows. All numbers are longs computed here and inlined.
 */
final class DuckDbTiledM4 {

    private static final String MERGE = "SELECT sum(n)::BIGINT, sum(nan)::BIGINT, min(first_step), "
            + "arg_min(first_value, first_step), max(last_step), arg_max(last_value, last_step), "
            + "arg_min(min_step, min_value), min(min_value), arg_max(max_step, max_value), max(max_value), "
            + "min(any_min_step), max(any_max_step) FROM (";

    private DuckDbTiledM4() {
    }

    static String sql(DuckDbMetrics.SeriesRange s, StepBuckets b, int buckets) {
        int shift = s.tileShift();
        long tile = 1L << shift;
        long firstTile = b.lo() >> shift;
        long lastTile = b.hi() >> shift;
        String tiles = "SELECT " + bucketOf("(tile * " + tile + ")", b, buckets) + " AS bucket, n, nan, any_min_step, "
                + "any_max_step, first_step, first_value, last_step, last_value, min_step, min_value, max_step, "
                + "max_value FROM metric_tiles WHERE series_id = " + s.id() + " AND tile BETWEEN " + (firstTile + 1)
                + " AND " + (lastTile - 1) + " AND NOT " + straddles("tile", tile, b, buckets);
        // The points of the end tiles by plain step ranges, those of the straddling inner tiles by the tile's last
        // step (step | (tile - 1)): comparisons and one modulo per row, no shift, multiply or IN list.
        long mask = tile - 1;
        String where = " FROM metric_points WHERE series_id = " + s.id() + " AND step BETWEEN " + b.lo() + " AND "
                + b.hi() + " AND (step <= " + (b.lo() | mask) + " OR step >= " + (b.hi() & ~mask) + " OR "
                + straddlesAtEnd("(step | " + mask + ")", tile, b, buckets) + ")";
        String points = s.nanCount() == 0
                ? "SELECT " + bucketOf("step", b, buckets) + ", 1, 0, step, step, step, value, step, value, step, "
                        + "value, step, value" + where
                : "SELECT bucket, 1, CASE WHEN v IS NULL THEN 1 ELSE 0 END, step, step, fstep, v, fstep, v, fstep, v, "
                        + "fstep, v FROM (SELECT " + bucketOf("step", b, buckets) + " AS bucket, step, "
                        + "CASE WHEN isfinite(value) THEN value END AS v, CASE WHEN isfinite(value) THEN step END "
                        + "AS fstep" + where + ")";
        return MERGE + tiles + " UNION ALL " + points + ") GROUP BY bucket ORDER BY bucket";
    }

    private static String bucketOf(String step, StepBuckets b, int buckets) {
        return "((" + step + " - " + b.lo() + ") * " + buckets + " // " + b.width() + ")";
    }

    /**
     * Whether tile {@code t} (an inner tile: inside the range) holds the edge between two buckets. With y = (last step
     * of the tile - lo) * buckets, the tile's first and last steps fall into different buckets exactly when
     * {@code y mod width < (tile - 1) * buckets}, because a bucket is at least two tiles wide: one modulo per row
     * instead of two divisions.
     */
    private static String straddles(String t, long tile, StepBuckets b, int buckets) {
        return straddlesAtEnd("(" + t + ") * " + tile + " + " + (tile - 1), tile, b, buckets);
    }

    /** {@link #straddles} given the expression of the tile's last step. */
    private static String straddlesAtEnd(String lastStep, long tile, StepBuckets b, int buckets) {
        return "(((" + lastStep + " - " + b.lo() + ") * " + buckets + ") % " + b.width() + " < " + (tile - 1) * buckets
                + ")";
    }
}
