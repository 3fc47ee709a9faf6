package dev.observatory.store.jdbc;

import dev.observatory.model.SeriesBucket;
import dev.observatory.store.internal.StepBuckets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code MetricStore.downsampleRuns} on DuckDB: the M4 charts of one metric for many runs in two statements per 500
 * runs instead of one per run. The first reads the runs' series rows (id, step range); the second groups the points of
 * all those series at once by (series, bucket), each series with its own {@code lo}, width and cell mask
 * ({@code -align}) joined in as literals. Buckets are those of {@link DuckDbDownsample} over the whole series (same
 * StepBuckets arithmetic, first/last/min/max over finite values); a series whose {@code width * buckets} would overflow
 * a long is charted on its own by DuckDbDownsample. Non-finite values are always handled (the per-series fast path is
 * not worth a second statement).
 */
final class DuckDbBulkM4 {

    private static final int RUNS_PER_QUERY = 500;

    private static final String MERGE = "SELECT count(*), count(*) - count(v), min(fstep), arg_min(v, step), "
            + "max(fstep), arg_max(v, step), arg_min(step, v), min(v), arg_max(step, v), max(v), min(step), max(step), "
            + "series_id FROM (SELECT p.series_id, (greatest(p.step & k.m, k.lo) - k.lo) * %d // k.w AS bucket, p.step, "
            + "CASE WHEN isfinite(p.value) THEN p.value END AS v, CASE WHEN isfinite(p.value) THEN p.step END AS fstep "
            + "FROM metric_points p JOIN (VALUES %s) k(series_id, lo, w, m) ON p.series_id = k.series_id "
            + "WHERE p.series_id IN (%s)) GROUP BY series_id, bucket ORDER BY series_id, bucket";

    private DuckDbBulkM4() {
    }

    /** One series of the request: its id, run and step range. */
    private record Series(int id, String runId, long minStep, long maxStep, long nanCount) {
    }

    static Map<String, List<SeriesBucket>> downsampleRuns(DuckDbConnections db, Collection<String> runIds, String key,
            int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(runIds));
        Map<String, List<SeriesBucket>> byRun = new HashMap<>();
        for (int from = 0; from < ids.size(); from += RUNS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + RUNS_PER_QUERY));
            byRun.putAll(db.read(c -> chunk(c, chunk, key, buckets)));
        }
        Map<String, List<SeriesBucket>> out = new LinkedHashMap<>();
        for (String id : ids) {
            List<SeriesBucket> b = byRun.get(id);
            if (b != null && !b.isEmpty()) {
                out.put(id, b);
            }
        }
        return out;
    }

    private static Map<String, List<SeriesBucket>> chunk(Connection c, List<String> runIds, String key, int buckets)
            throws SQLException {
        List<Object> args = new ArrayList<>(runIds.size() + 1);
        args.add(key);
        args.addAll(runIds);
        List<Series> series = DuckDbSql.list(c,
                "SELECT series_id, run_id, first_step, last_step, nan_count FROM series WHERE metric_key = ? "
                        + "AND run_id IN (" + String.join(", ", Collections.nCopies(runIds.size(), "?")) + ")",
                rs -> new Series(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), args);
        Map<String, List<SeriesBucket>> out = new HashMap<>();
        Map<Integer, String> runOf = new HashMap<>();
        StringBuilder values = new StringBuilder();
        StringBuilder inList = new StringBuilder();
        for (Series s : series) {
            StepBuckets b = StepBuckets.of(Long.MIN_VALUE, Long.MAX_VALUE, buckets, s.minStep(), s.maxStep());
            if (b.width() <= 0) {
                out.put(s.runId(),
                        DuckDbDownsample.m4(c,
                                new DuckDbMetrics.SeriesRange(s.id(), s.minStep(), s.maxStep(), s.nanCount(), null),
                                Long.MIN_VALUE, Long.MAX_VALUE, buckets));
                continue;
            }
            runOf.put(s.id(), s.runId());
            values.append(values.isEmpty() ? "" : ", ").append('(').append(s.id()).append(", ").append(s.minStep())
                    .append("::BIGINT, ").append(b.width()).append("::BIGINT, ").append(-b.align()).append("::BIGINT)");
            inList.append(inList.isEmpty() ? "" : ", ").append(s.id());
        }
        if (runOf.isEmpty()) {
            return out;
        }
        String sql = String.format(MERGE, buckets, values, inList);
        DuckDbSql.list(c, sql, rs -> out.computeIfAbsent(runOf.get(rs.getInt(13)), r -> new ArrayList<>())
                .add(DuckDbDownsample.bucket(rs)));
        return out;
    }
}
