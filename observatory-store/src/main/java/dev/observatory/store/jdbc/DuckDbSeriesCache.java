package dev.observatory.store.jdbc;

import dev.observatory.model.MetricSummary;
import dev.observatory.store.internal.SeriesSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's view of the series table: id and running summary per (run, key), loaded on first use and kept in an LRU
 * map. Writer thread only.
 */
final class DuckDbSeriesCache {

    private static final int MAX_ENTRIES = 50_000;
    private static final int ROWS_PER_STATEMENT = 200;
    static final String SUMMARY_COLUMNS = "point_count, nan_count, first_step, first_value, last_step, last_value, "
            + "last_ts, min_value, min_step, max_value, max_step";

    /** One series; {@code stored} once its row exists in the committed database. */
    static final class Series {
        private final int id;
        private final String runId;
        private final String key;
        private final SeriesSummary summary;
        private boolean stored;
        private boolean dirty;

        Series(int id, String runId, String key, SeriesSummary summary, boolean stored) {
            this.id = id;
            this.runId = runId;
            this.key = key;
            this.summary = summary;
            this.stored = stored;
        }

        int id() {
            return id;
        }

        /** The running summary, to be merged with a batch (marks the series as touched). */
        SeriesSummary summary() {
            dirty = true;
            return summary;
        }
    }

    private final Connection connection;
    private final Map<String, Series> byRunAndKey = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Series> eldest) {
            return size() > MAX_ENTRIES && !eldest.getValue().dirty;
        }
    };
    private int nextId = -1;

    DuckDbSeriesCache(Connection connection) {
        this.connection = connection;
    }

    Series get(String runId, String key) throws SQLException {
        String cacheKey = runId + "\n" + key;
        Series s = byRunAndKey.get(cacheKey);
        if (s == null) {
            s = load(runId, key);
            byRunAndKey.put(cacheKey, s);
        }
        return s;
    }

    private Series load(String runId, String key) throws SQLException {
        var row = DuckDbSql.one(connection,
                "SELECT series_id, metric_key, " + SUMMARY_COLUMNS + " FROM series WHERE run_id = ? AND metric_key = ?",
                DuckDbSeriesCache::summaryRow, runId, key);
        if (row.isPresent()) {
            return new Series(row.get().id(), runId, key, SeriesSummary.of(row.get().summary()), true);
        }
        if (nextId < 0) {
            nextId = (int) DuckDbSql.count(connection, "SELECT coalesce(max(series_id), 0) + 1 FROM series");
        }
        return new Series(nextId++, runId, key, new SeriesSummary(), false);
    }

    record SummaryRow(int id, MetricSummary summary) {
    }

    /** Maps {@code series_id, metric_key, SUMMARY_COLUMNS}. */
    static SummaryRow summaryRow(ResultSet rs) throws SQLException {
        return new SummaryRow(rs.getInt(1),
                new MetricSummary(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getDouble(6),
                        rs.getLong(7), rs.getDouble(8), rs.getLong(9), rs.getDouble(10), rs.getLong(11),
                        rs.getDouble(12), rs.getLong(13)));
    }

    /** Inserts new series rows and updates existing ones, in the current transaction. */
    void write(Collection<Series> touched) throws SQLException {
        List<Series> fresh = new ArrayList<>();
        List<Series> existing = new ArrayList<>();
        for (Series s : touched) {
            (s.stored ? existing : fresh).add(s);
        }
        for (int from = 0; from < fresh.size(); from += ROWS_PER_STATEMENT) {
            List<Series> chunk = fresh.subList(from, Math.min(fresh.size(), from + ROWS_PER_STATEMENT));
            DuckDbSql.update(connection, "INSERT INTO series (series_id, run_id, metric_key, " + SUMMARY_COLUMNS
                    + ") VALUES " + rows(chunk.size(), "(?, ?, ?, " + SUMMARY_PLACEHOLDERS + ")"), values(chunk, true));
        }
        for (int from = 0; from < existing.size(); from += ROWS_PER_STATEMENT) {
            List<Series> chunk = existing.subList(from, Math.min(existing.size(), from + ROWS_PER_STATEMENT));
            DuckDbSql.update(connection, "UPDATE series SET point_count = v.pc, nan_count = v.nc, first_step = v.fs, "
                    + "first_value = v.fv, last_step = v.ls, last_value = v.lv, last_ts = v.lt, min_value = v.mnv, "
                    + "min_step = v.mns, max_value = v.mxv, max_step = v.mxs FROM (VALUES "
                    + rows(chunk.size(), "(?::INTEGER, " + SUMMARY_PLACEHOLDERS + ")")
                    + ") v(id, pc, nc, fs, fv, ls, lv, lt, mnv, mns, mxv, mxs) WHERE series.series_id = v.id",
                    values(chunk, false));
        }
    }

    private static final String SUMMARY_PLACEHOLDERS = "?::BIGINT, ?::BIGINT, ?::BIGINT, ?::DOUBLE, ?::BIGINT, "
            + "?::DOUBLE, ?::BIGINT, ?::DOUBLE, ?::BIGINT, ?::DOUBLE, ?::BIGINT";

    private static String rows(int n, String row) {
        return String.join(", ", java.util.Collections.nCopies(n, row));
    }

    private static List<Object> values(List<Series> chunk, boolean withRunAndKey) {
        List<Object> args = new ArrayList<>();
        for (Series s : chunk) {
            MetricSummary m = s.summary.toSummary(s.key);
            args.add(s.id);
            if (withRunAndKey) {
                args.add(s.runId);
                args.add(s.key);
            }
            args.addAll(List.of(m.count(), m.nanCount(), m.firstStep(), m.first(), m.lastStep(), m.last(),
                    m.lastTimestampMs(), m.min(), m.argMinStep(), m.max(), m.argMaxStep()));
        }
        return args;
    }

    /** After commit: the touched series' rows exist and may be evicted again. */
    void committed(Collection<Series> touched) {
        for (Series s : touched) {
            s.stored = true;
            s.dirty = false;
        }
    }

    void clear() {
        byRunAndKey.clear();
        nextId = -1;
    }
}
