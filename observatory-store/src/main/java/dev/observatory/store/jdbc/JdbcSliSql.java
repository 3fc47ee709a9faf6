package dev.observatory.store.jdbc;

import dev.observatory.model.slo.LatencyBuckets;
import dev.observatory.model.slo.SliSelector;
import dev.observatory.store.OpsStore;
import java.util.List;

/** SQL of the SLI rollups, the same on DuckDB and PostgreSQL. */
final class JdbcSliSql {
    /** A span counts as failed when its status is ERROR or it carries an error type (as in errorGroups). */
    static final String FAILED = "CASE WHEN status = 'ERROR' OR error_type IS NOT NULL THEN 1 ELSE 0 END";
    static final String LE = latencyBucket("duration_ns");

    /**
     * Rolls [?, ?) of spans into the rollups (a bucket is the start floored to 5 minutes), in bucket order: a first
     * roll-up of weeks of spans then lies in time order like later ones, so DuckDB skips row groups by their zone maps
     * when a window reads a few buckets.
     */
    static final String ROLL_UP = "INSERT INTO sli_rollups (bucket_ns, service, name, kind, tool, model, le, calls, "
            + "errors) SELECT start_ns - (start_ns % " + OpsStore.BUCKET_NANOS + "), service, name, kind, "
            + "coalesce(tool_name, ''), coalesce(model, ''), " + LE + ", count(*), sum(" + FAILED + ") FROM spans "
            + "WHERE start_ns >= ? AND start_ns < ? GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1";

    /** Builds the hourly rows of the hours in [?, ?) from their 5-minute rows, in hour order. */
    static final String ROLL_UP_HOURLY = "INSERT INTO sli_rollups_hourly (bucket_ns, service, name, kind, tool, model, "
            + "le, calls, errors) SELECT bucket_ns - (bucket_ns % 3600000000000), service, name, kind, tool, model, le, "
            + "sum(calls), sum(errors) FROM sli_rollups WHERE bucket_ns >= ? AND bucket_ns < ? "
            + "GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1";

    private JdbcSliSql() {
    }

    /** CASE expression giving the {@link LatencyBuckets} index of a duration column. */
    static String latencyBucket(String column) {
        StringBuilder sb = new StringBuilder("CASE");
        for (int i = 0; i < LatencyBuckets.COUNT - 1; i++) {
            sb.append(" WHEN ").append(column).append(" <= ").append(LatencyBuckets.upperNanos(i)).append(" THEN ")
                    .append(i);
        }
        return sb.append(" ELSE ").append(LatencyBuckets.COUNT - 1).append(" END").toString();
    }

    /** Histogram of raw spans in [?, ?) matching the selector; rows (le, calls, errors). */
    static String raw(SliSelector s, List<Object> args, long from, long to) {
        args.add(from);
        args.add(to);
        return "SELECT " + LE + ", count(*), sum(" + FAILED + ") FROM spans WHERE start_ns >= ? AND start_ns < ?"
                + where(s, args, "name", "tool_name", "model") + " GROUP BY 1";
    }

    /** Histogram of the rollups of buckets in [?, ?) matching the selector; rows (le, calls, errors). */
    static String rolled(String table, SliSelector s, List<Object> args, long from, long to) {
        args.add(from);
        args.add(to);
        return "SELECT le, sum(calls), sum(errors) FROM " + table + " WHERE bucket_ns >= ? AND bucket_ns < ?"
                + where(s, args, "name", "tool", "model") + " GROUP BY 1";
    }

    /**
     * Histogram per segment of raw spans in [from, to) matching the selector, the range cut at {@code bounds} (sorted,
     * inside it) into segments numbered from {@code firstSegment}; rows (segment, le, calls, errors). Times are inlined
     * as literals so that DuckDB prunes row groups by their zone maps.
     */
    static String rawSegments(SliSelector s, List<Object> args, long from, long to, List<Long> bounds,
            int firstSegment) {
        return "SELECT " + segment("start_ns", bounds, firstSegment) + ", " + LE + ", count(*), sum(" + FAILED
                + ") FROM spans WHERE start_ns >= " + from + " AND start_ns < " + to
                + where(s, args, "name", "tool_name", "model") + " GROUP BY 1, 2";
    }

    /** As {@link #rawSegments} over the buckets of a rollup table. */
    static String rolledSegments(String table, SliSelector s, List<Object> args, long from, long to, List<Long> bounds,
            int firstSegment) {
        return "SELECT " + segment("bucket_ns", bounds, firstSegment) + ", le, sum(calls), sum(errors) FROM " + table
                + " WHERE bucket_ns >= " + from + " AND bucket_ns < " + to + where(s, args, "name", "tool", "model")
                + " GROUP BY 1, 2";
    }

    /** The segment number of a time column: firstSegment below bounds[0], the next one below bounds[1], ... */
    private static String segment(String column, List<Long> bounds, int firstSegment) {
        if (bounds.isEmpty()) {
            return Integer.toString(firstSegment);
        }
        StringBuilder sb = new StringBuilder("CASE");
        for (int i = 0; i < bounds.size(); i++) {
            sb.append(" WHEN ").append(column).append(" < ").append(bounds.get(i)).append(" THEN ")
                    .append(firstSegment + i);
        }
        return sb.append(" ELSE ").append(firstSegment + bounds.size()).append(" END").toString();
    }

    private static String where(SliSelector s, List<Object> args, String name, String tool, String model) {
        StringBuilder sb = new StringBuilder();
        eq(sb, args, "service", s.service());
        eq(sb, args, name, s.route());
        eq(sb, args, "kind", s.kind());
        eq(sb, args, tool, s.tool());
        eq(sb, args, model, s.model());
        return sb.toString();
    }

    private static void eq(StringBuilder sb, List<Object> args, String column, String value) {
        if (value != null) {
            sb.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
