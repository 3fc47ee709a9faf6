package dev.observatory.store.jdbc;

import dev.observatory.store.internal.StepBuckets;

/**
 * M4 over the tiles (docs/decisions/0008-duckdb-m4-tiles.md, 0042-m4-aligned-buckets.md): a tile lying inside one
 * bucket contributes its stored summary rows; the points of the tiles that straddle a bucket edge (or the range ends)
 * are read raw. Both become rows of one shape and one GROUP BY merges them, so the result equals M4 over every point
 * while the expensive arg_min/arg_max aggregates see about 1/64 of the rows. When the buckets' cells (StepBuckets'
 * {@code align}) are at least a tile wide, no tile straddles an edge: the chart is the tile rows alone, plus the raw
 * points of an end tile that the range cuts. All numbers are longs computed here and inlined.
 */
final class DuckDbTiledM4 {

    private static final String MERGE = "SELECT sum(n)::BIGINT, sum(nan)::BIGINT, min(first_step), "
            + "arg_min(first_value, first_step), max(last_step), arg_max(last_value, last_step), "
            + "arg_min(min_step, min_value), min(min_value), arg_max(max_step, max_value), max(max_value), "
            + "min(any_min_step), max(any_max_step) FROM (";

    private static final String TILE_COLUMNS = " AS bucket, n, nan, any_min_step, any_max_step, first_step, "
            + "first_value, last_step, last_value, min_step, min_value, max_step, max_value FROM metric_tiles";

    private DuckDbTiledM4() {
    }

    static String sql(DuckDbMetrics.SeriesRange s, StepBuckets b, int buckets) {
        long tile = 1L << s.tileShift();
        return tile <= b.align() ? alignedSql(s, b, buckets, tile) : edgeSql(s, b, buckets, tile);
    }

    /**
     * Every tile lies in one bucket. The end tiles are summaries too when the range holds all their points (the range
     * starts at the tile's first step or at the series' first step; likewise at the end), else their points are read by
     * step range.
     */
    private static String alignedSql(DuckDbMetrics.SeriesRange s, StepBuckets b, int buckets, long tile) {
        int shift = s.tileShift();
        long mask = tile - 1;
        long firstTile = b.lo() >> shift;
        long lastTile = b.hi() >> shift;
        boolean firstWhole = (b.lo() & mask) == 0 || b.lo() <= s.minStep();
        boolean lastWhole = (b.hi() & mask) == mask || b.hi() >= s.maxStep();
        long fromTile = firstWhole && (firstTile < lastTile || lastWhole) ? firstTile : firstTile + 1;
        long toTile = lastWhole && (firstTile < lastTile || firstWhole) ? lastTile : lastTile - 1;
        StringBuilder sql = new StringBuilder(MERGE);
        sql.append("SELECT ").append(DuckDbDownsample.bucketOf("(tile * " + tile + ")", b, buckets))
                .append(TILE_COLUMNS).append(" WHERE series_id = ").append(s.id()).append(" AND tile BETWEEN ")
                .append(fromTile).append(" AND ").append(toTile);
        if (fromTile > firstTile) {
            sql.append(" UNION ALL ").append(
                    points(s, b, buckets, "step BETWEEN " + b.lo() + " AND " + Math.min(b.hi(), b.lo() | mask)));
        }
        if (toTile < lastTile && lastTile > firstTile) {
            sql.append(" UNION ALL ")
                    .append(points(s, b, buckets, "step BETWEEN " + (b.hi() & ~mask) + " AND " + b.hi()));
        }
        return sql.append(") GROUP BY bucket ORDER BY bucket").toString();
    }

    /**
     * Tiles wider than a cell: the inner tiles that straddle a bucket edge are read raw, selected by the tile's last
     * cell (step | (tile - 1)) - (align - 1): comparisons and one modulo per row, no shift, multiply or IN list.
     */
    private static String edgeSql(DuckDbMetrics.SeriesRange s, StepBuckets b, int buckets, long tile) {
        int shift = s.tileShift();
        long firstTile = b.lo() >> shift;
        long lastTile = b.hi() >> shift;
        String tiles = "SELECT " + DuckDbDownsample.bucketOf("(tile * " + tile + ")", b, buckets) + TILE_COLUMNS
                + " WHERE series_id = " + s.id() + " AND tile BETWEEN " + (firstTile + 1) + " AND " + (lastTile - 1)
                + " AND NOT " + straddles("(tile * " + tile + " + " + (tile - b.align()) + ")", tile, b, buckets);
        long mask = tile - 1;
        String points = points(s, b, buckets, "(step <= " + (b.lo() | mask) + " OR step >= " + (b.hi() & ~mask) + " OR "
                + straddles("((step | " + mask + ") - " + (b.align() - 1) + ")", tile, b, buckets) + ")");
        return MERGE + tiles + " UNION ALL " + points + ") GROUP BY bucket ORDER BY bucket";
    }

    /** The points of the range that match a condition, as rows of the tile rows' shape. */
    private static String points(DuckDbMetrics.SeriesRange s, StepBuckets b, int buckets, String condition) {
        String where = " FROM metric_points WHERE series_id = " + s.id() + " AND step BETWEEN " + b.lo() + " AND "
                + b.hi() + " AND " + condition;
        String bucket = DuckDbDownsample.bucketOf("step", b, buckets);
        return s.nanCount() == 0
                ? "SELECT " + bucket + ", 1, 0, step, step, step, value, step, value, step, value, step, value" + where
                : "SELECT bucket, 1, CASE WHEN v IS NULL THEN 1 ELSE 0 END, step, step, fstep, v, fstep, v, fstep, v, "
                        + "fstep, v FROM (SELECT " + bucket + " AS bucket, step, "
                        + "CASE WHEN isfinite(value) THEN value END AS v, CASE WHEN isfinite(value) THEN step END "
                        + "AS fstep" + where + ")";
    }

    /**
     * Whether an inner tile holds the edge between two buckets, given the expression of its last cell's first step.
     * With y = (that step - lo) * buckets, the tile's first and last cells fall into different buckets exactly when
     * {@code y mod width < (tile - align) * buckets} (an equal-width edge lies between them; the tile starts a cell).
     */
    private static String straddles(String lastCell, long tile, StepBuckets b, int buckets) {
        return "(((" + lastCell + " - " + b.lo() + ") * " + buckets + ") % " + b.width() + " < "
                + (tile - b.align()) * buckets + ")";
    }
}
