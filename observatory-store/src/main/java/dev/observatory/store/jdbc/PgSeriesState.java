package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricSummary;
import dev.observatory.store.internal.SeriesSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * One metric_series row: the series' summary (the shared {@link SeriesSummary} rules) and its chunk bookkeeping, loaded
 * under a row lock, updated by a batch in Java and written back.
 */
final class PgSeriesState {

    /** Columns of metric_series read by {@link #load}, in that order. */
    static final String COLUMNS = "id, key, point_count, nan_count, first_step, first_value, last_step, last_value, "
            + "last_ts, min_value, arg_min_step, max_value, arg_max_step, steps_sorted, chunk_count, tail_sizes";

    long id;
    String key;
    SeriesSummary summary;
    boolean stepsSorted = true;
    int chunkCount;
    /** Sizes of the unsealed trailing chunks (see {@link PgChunkPlan}). */
    int[] tailSizes = new int[0];

    static PgSeriesState load(ResultSet rs) throws SQLException {
        return load(rs, 1);
    }

    /** Reads {@link #COLUMNS} starting at column index {@code first}. */
    static PgSeriesState load(ResultSet rs, int first) throws SQLException {
        int i = first;
        PgSeriesState s = new PgSeriesState();
        s.id = rs.getLong(i++);
        s.key = rs.getString(i++);
        MetricSummary stored = new MetricSummary(s.key, rs.getLong(i++), rs.getLong(i++), rs.getLong(i++),
                rs.getDouble(i++), rs.getLong(i++), rs.getDouble(i++), rs.getLong(i++), rs.getDouble(i++),
                rs.getLong(i++), rs.getDouble(i++), rs.getLong(i++));
        s.summary = stored.count() == 0 ? new SeriesSummary() : SeriesSummary.of(stored);
        s.stepsSorted = rs.getBoolean(i++);
        s.chunkCount = rs.getInt(i++);
        Integer[] tail = (Integer[]) rs.getArray(i).getArray();
        s.tailSizes = Arrays.stream(tail).mapToInt(Integer::intValue).toArray();
        return s;
    }

    /** Folds a batch, in ingest order, into the summary and the sortedness flag. */
    void add(MetricColumns batch) {
        // while sorted, the previous point has the highest step so far
        long previous = summary.count() == 0 ? Long.MIN_VALUE : summary.maxStep();
        for (long step : batch.steps()) {
            if (step < previous) {
                stepsSorted = false;
            }
            previous = Math.max(previous, step);
        }
        summary.add(batch);
    }

    /** Binds the summary and bookkeeping columns (parameters 1..14) and the id (15) of {@link #UPDATE}. */
    void store(Connection c, PreparedStatement ps) throws SQLException {
        MetricSummary m = summary.toSummary(key);
        ps.setLong(1, m.count());
        ps.setLong(2, m.nanCount());
        ps.setLong(3, m.firstStep());
        ps.setDouble(4, m.first());
        ps.setLong(5, m.lastStep());
        ps.setDouble(6, m.last());
        ps.setLong(7, m.lastTimestampMs());
        ps.setDouble(8, m.min());
        ps.setLong(9, m.argMinStep());
        ps.setDouble(10, m.max());
        ps.setLong(11, m.argMaxStep());
        ps.setBoolean(12, stepsSorted);
        ps.setInt(13, chunkCount);
        ps.setArray(14, c.createArrayOf("integer", Arrays.stream(tailSizes).boxed().toArray()));
        ps.setLong(15, id);
    }

    static final String UPDATE = "UPDATE metric_series SET point_count = ?, nan_count = ?, first_step = ?, "
            + "first_value = ?, last_step = ?, last_value = ?, last_ts = ?, min_value = ?, arg_min_step = ?, "
            + "max_value = ?, arg_max_step = ?, steps_sorted = ?, chunk_count = ?, tail_sizes = ? WHERE id = ?";

    MetricSummary toSummary() {
        return summary.toSummary(key);
    }
}
