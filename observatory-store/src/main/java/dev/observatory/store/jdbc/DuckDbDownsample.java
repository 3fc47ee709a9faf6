package dev.observatory.store.jdbc;

import dev.observatory.model.SeriesBucket;
import dev.observatory.store.internal.StepBuckets;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * M4 downsampling in SQL: one GROUP BY over the bucket index (see StepBuckets), with first/last/min/max taken over the
 * finite values only. Numbers are inlined as literals (all longs computed here), which keeps DuckDB from binding a
 * repeated parameter in GROUP BY.
 */
final class DuckDbDownsample {

    /** For a series without NaN/Inf (its summary says so): plain aggregates, the fast path. */
    private static final String FINITE_SERIES = "SELECT count(*), 0, min(step), arg_min(value, step), max(step), "
            + "arg_max(value, step), arg_min(step, value), min(value), arg_max(step, value), max(value), min(step), "
            + "max(step) ";

    /** Non-finite values become NULL, which count() and arg_min/arg_max/min/max skip. */
    private static final String ANY_SERIES = "SELECT count(*), count(*) - count(v), min(fstep), arg_min(v, step), "
            + "max(fstep), arg_max(v, step), arg_min(step, v), min(v), arg_max(step, v), max(v), min(step), max(step) "
            + "FROM (SELECT bucket, step, CASE WHEN isfinite(value) THEN value END AS v, "
            + "CASE WHEN isfinite(value) THEN step END AS fstep ";

    private DuckDbDownsample() {
    }

    static List<SeriesBucket> m4(Connection c, DuckDbMetrics.SeriesRange s, long from, long to, int bucketCount)
            throws SQLException {
        StepBuckets b = StepBuckets.of(from, to, bucketCount, s.minStep(), s.maxStep());
        if (b == null) {
            return List.of();
        }
        if (tiled(s, b, bucketCount)) {
            return DuckDbSql.list(c, DuckDbTiledM4.sql(s, b, bucketCount), DuckDbDownsample::bucket);
        }
        String bucket = b.width() > 0 ? bucketOf("step", b, bucketCount)
                : "CAST((greatest(((CAST(step AS HUGEINT) - " + (b.lo() & -b.align()) + ") // " + b.align() + ") * "
                        + b.align() + " + " + (b.lo() & -b.align()) + ", " + b.lo() + ") - " + b.lo() + ") * "
                        + bucketCount + " // CAST('"
                        + BigInteger.valueOf(b.hi()).subtract(BigInteger.valueOf(b.lo())).add(BigInteger.ONE)
                        + "' AS HUGEINT) AS BIGINT)";
        String points = "(SELECT " + bucket + " AS bucket, step, value FROM metric_points WHERE series_id = " + s.id()
                + " AND step BETWEEN " + b.lo() + " AND " + b.hi() + ")";
        String sql = s.nanCount() == 0 ? FINITE_SERIES + "FROM " + points + " GROUP BY bucket ORDER BY bucket"
                : ANY_SERIES + "FROM " + points + ") GROUP BY bucket ORDER BY bucket";
        return DuckDbSql.list(c, sql, DuckDbDownsample::bucket);
    }

    /**
     * The SQL of the bucket of a step expression in the range (StepBuckets, {@code width} fitting a long): the step's
     * cell start is {@code base + (step - base) // align * align} with {@code base = lo & -align <= step}. Arithmetic
     * only, no bitwise and: DuckDB's statistics then bound the bucket, and the GROUP BY takes its perfect-hash path
     * (with {@code step & -align} it fell back to a hash table and the chart got slower).
     */
    static String bucketOf(String step, StepBuckets b, int buckets) {
        if (b.align() == 1) {
            return "((" + step + " - " + b.lo() + ") * " + buckets + " // " + b.width() + ")";
        }
        long base = b.lo() & -b.align();
        return "greatest((((" + step + " - " + base + ") // " + b.align() + ") * " + b.align() + " + " + (base - b.lo())
                + ") * " + buckets + " // " + b.width() + ", 0)";
    }

    /**
     * Whether the tiles can serve this request: tiled series, buckets at least two tiles wide, no overflow. The system
     * property {@code observatory.noTiles=true} turns the tiles off: the benchmarks' in-run baseline
     * (docs/benchmarks.md).
     */
    private static boolean tiled(DuckDbMetrics.SeriesRange s, StepBuckets b, int bucketCount) {
        if (s.tileShift() == null || b.width() <= 0 || Boolean.getBoolean("observatory.noTiles")) {
            return false;
        }
        long tile = 1L << s.tileShift();
        return b.width() / bucketCount >= 2 * tile && b.hi() <= Long.MAX_VALUE - tile
                && b.width() + tile <= Long.MAX_VALUE / bucketCount;
    }

    /**
     * Maps {@code count, nanCount, firstStep, first, lastStep, last, minStep, min, maxStep, max, firstAnyStep,
     * lastAnyStep}.
     */
    static SeriesBucket bucket(ResultSet rs) throws SQLException {
        long count = rs.getLong(1);
        long nan = rs.getLong(2);
        if (nan == count) {
            long firstAny = rs.getLong(11);
            return new SeriesBucket(firstAny, Double.NaN, rs.getLong(12), Double.NaN, firstAny, Double.NaN, firstAny,
                    Double.NaN, count, nan);
        }
        return new SeriesBucket(rs.getLong(3), rs.getDouble(4), rs.getLong(5), rs.getDouble(6), rs.getLong(7),
                rs.getDouble(8), rs.getLong(9), rs.getDouble(10), count, nan);
    }
}
