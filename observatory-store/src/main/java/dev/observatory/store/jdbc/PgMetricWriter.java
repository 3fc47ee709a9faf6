package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import dev.observatory.store.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends metric batches: locks the run's series rows (in key order, so concurrent appends never deadlock), writes the
 * points into chunks (see {@link #writeChunks}) and updates the summaries, all in the caller's transaction.
 */
final class PgMetricWriter {

    private static final String UPSERT_CHUNK = "INSERT INTO metric_chunks (series_id, chunk_no, n, min_step, "
            + "max_step, steps_sorted, nan_count, first_step, first_value, last_step, last_value, min_value, "
            + "arg_min_step, max_value, arg_max_step, steps, vals, ts) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, chunk_no) DO UPDATE "
            + "SET n = EXCLUDED.n, min_step = EXCLUDED.min_step, max_step = EXCLUDED.max_step, "
            + "steps_sorted = EXCLUDED.steps_sorted, nan_count = EXCLUDED.nan_count, "
            + "first_step = EXCLUDED.first_step, first_value = EXCLUDED.first_value, "
            + "last_step = EXCLUDED.last_step, last_value = EXCLUDED.last_value, min_value = EXCLUDED.min_value, "
            + "arg_min_step = EXCLUDED.arg_min_step, max_value = EXCLUDED.max_value, "
            + "arg_max_step = EXCLUDED.arg_max_step, steps = EXCLUDED.steps, vals = EXCLUDED.vals, ts = EXCLUDED.ts";

    private final int chunkPoints;

    PgMetricWriter(int chunkPoints) {
        this.chunkPoints = chunkPoints;
    }

    void append(Connection c, String runId, Map<String, MetricColumns> batch) throws SQLException {
        requireRun(c, runId);
        Map<String, MetricColumns> byKey = new TreeMap<>();
        batch.forEach((k, cols) -> {
            if (cols.size() > 0) {
                byKey.put(k, cols);
            }
        });
        if (byKey.isEmpty()) {
            return;
        }
        String[] keys = byKey.keySet().toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_series (run_id, key) SELECT ?, k "
                + "FROM unnest(?::text[]) AS k ORDER BY k COLLATE \"C\" ON CONFLICT (run_id, key) DO NOTHING")) {
            ps.setString(1, runId);
            ps.setArray(2, c.createArrayOf("text", keys));
            ps.executeUpdate();
        }
        List<PgSeriesState> series = lockSeries(c, runId, keys);
        Map<Long, PgChunkPlan> plans = new HashMap<>();
        for (PgSeriesState s : series) {
            plans.put(s.id, PgChunkPlan.of(s.tailSizes, byKey.get(s.key).size(), chunkPoints));
        }
        Map<Long, PgChunkData> rewritten = readRewrittenTails(c, series, plans);
        List<PgSeriesState> shrunk = new ArrayList<>();
        try (PreparedStatement chunks = c.prepareStatement(UPSERT_CHUNK);
                PreparedStatement update = c.prepareStatement(PgSeriesState.UPDATE)) {
            for (PgSeriesState s : series) {
                MetricColumns cols = byKey.get(s.key);
                int before = s.chunkCount;
                writeChunks(chunks, s, plans.get(s.id), rewritten.get(s.id), cols);
                if (s.chunkCount < before) {
                    shrunk.add(s);
                }
                s.add(cols);
                s.store(c, update);
                update.addBatch();
            }
            chunks.executeBatch();
            update.executeBatch();
        }
        if (!shrunk.isEmpty()) {
            deleteMergedAway(c, shrunk);
        }
    }

    private static void requireRun(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("run '" + runId + "' not found");
                }
            }
        }
    }

    private static List<PgSeriesState> lockSeries(Connection c, String runId, String[] keys) throws SQLException {
        List<PgSeriesState> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PgSeriesState.COLUMNS + " FROM metric_series "
                + "WHERE run_id = ? AND key = ANY(?) ORDER BY key COLLATE \"C\" FOR UPDATE")) {
            ps.setString(1, runId);
            ps.setArray(2, c.createArrayOf("text", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(PgSeriesState.load(rs));
                }
            }
        }
        return out;
    }

    /**
     * Writes the chunks of the plan from the first rewritten tail chunk on: the points of the rewritten chunks
     * ({@code old}, may be null) followed by the batch.
     */
    private static void writeChunks(PreparedStatement upsert, PgSeriesState s, PgChunkPlan plan, PgChunkData old,
            MetricColumns cols) throws SQLException {
        PgChunkData points = old == null
                ? new PgChunkData(cols.size(), cols.steps(), cols.values(), cols.timestampsMs())
                : old.concat(cols.steps(), cols.values(), cols.timestampsMs(), 0, cols.size());
        int chunkNo = firstRewritten(s, plan);
        int from = 0;
        for (int size : plan.sizes()) {
            bind(upsert, s.id, chunkNo++, points.steps(), points.values(), points.ts(), from, from + size);
            from += size;
        }
        s.chunkCount = chunkNo;
        s.tailSizes = plan.tail();
    }

    private static int firstRewritten(PgSeriesState s, PgChunkPlan plan) {
        return s.chunkCount - s.tailSizes.length + plan.keep();
    }

    /** The points, by series id, of the tail chunks that the plans rewrite, decoded and concatenated in order. */
    private static Map<Long, PgChunkData> readRewrittenTails(Connection c, List<PgSeriesState> series,
            Map<Long, PgChunkPlan> plans) throws SQLException {
        List<PgSeriesState> merging = series.stream().filter(s -> plans.get(s.id).keep() < s.tailSizes.length).toList();
        Map<Long, PgChunkData> out = new HashMap<>();
        if (merging.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT c.series_id, c.n, c.steps, c.vals, c.ts "
                + "FROM metric_chunks c JOIN unnest(?::bigint[], ?::integer[]) AS t (series_id, first_no) "
                + "ON c.series_id = t.series_id AND c.chunk_no >= t.first_no ORDER BY c.series_id, c.chunk_no")) {
            ps.setArray(1, c.createArrayOf("bigint", merging.stream().map(s -> s.id).toArray()));
            ps.setArray(2, c.createArrayOf("integer",
                    merging.stream().map(s -> firstRewritten(s, plans.get(s.id))).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(2);
                    long[] ts = PgChunkCodec.decodeLongs(rs.getBytes(5), n);
                    PgChunkData d = new PgChunkData(n, PgChunkCodec.decodeLongs(rs.getBytes(3), n),
                            PgChunkCodec.decodeDoubles(rs.getBytes(4), n), ts);
                    out.merge(rs.getLong(1), d, (a, b) -> a.concat(b.steps(), b.values(), b.ts(), 0, b.n()));
                }
            }
        }
        return out;
    }

    /** Deletes chunks past each series' new last chunk (left over when tail chunks merged into fewer). */
    private static void deleteMergedAway(Connection c, List<PgSeriesState> series) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM metric_chunks c "
                + "USING unnest(?::bigint[], ?::integer[]) AS t (series_id, chunk_count) "
                + "WHERE c.series_id = t.series_id AND c.chunk_no >= t.chunk_count")) {
            ps.setArray(1, c.createArrayOf("bigint", series.stream().map(s -> s.id).toArray()));
            ps.setArray(2, c.createArrayOf("integer", series.stream().map(s -> s.chunkCount).toArray()));
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, long seriesId, int chunkNo, long[] steps, double[] values, long[] ts,
            int from, int to) throws SQLException {
        M4Cell stats = M4Cell.of(steps, values, from, to);
        boolean hasFinite = stats.hasFinite();
        ps.setLong(1, seriesId);
        ps.setInt(2, chunkNo);
        ps.setInt(3, to - from);
        ps.setLong(4, stats.minStep);
        ps.setLong(5, stats.maxStep);
        ps.setBoolean(6, isSorted(steps, from, to));
        ps.setInt(7, (int) stats.nanCount);
        ps.setLong(8, hasFinite ? stats.firstStep : stats.minStep);
        ps.setDouble(9, stats.first);
        ps.setLong(10, hasFinite ? stats.lastStep : stats.maxStep);
        ps.setDouble(11, stats.last);
        ps.setDouble(12, stats.min);
        ps.setLong(13, hasFinite ? stats.argMinStep : stats.minStep);
        ps.setDouble(14, stats.max);
        ps.setLong(15, hasFinite ? stats.argMaxStep : stats.minStep);
        ps.setBytes(16, PgChunkCodec.encodeLongs(steps, from, to));
        ps.setBytes(17, PgChunkCodec.encodeDoubles(values, from, to));
        ps.setBytes(18, PgChunkCodec.encodeLongs(ts, from, to));
        ps.addBatch();
    }

    private static boolean isSorted(long[] steps, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (steps[i] < steps[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
