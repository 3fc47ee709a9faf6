package dev.observatory.store.jdbc;

import dev.observatory.model.MetricSummary;
import dev.observatory.store.internal.SeriesSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The writer's view of the series table: id and running summary per (run, key). The series of a run are loaded together
 * on the run's first append (one indexed lookup by run_id) and kept in an LRU map of runs. Writer thread only.
 */
final class DuckDbSeriesCache {

    private static final int MAX_RUNS = 10_000;
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
        private Integer tileShift;

        Series(int id, String runId, String key, SeriesSummary summary, boolean stored, Integer tileShift) {
            this.id = id;
            this.runId = runId;
            this.key = key;
            this.summary = summary;
            this.stored = stored;
            this.tileShift = tileShift;
        }

        int id() {
            return id;
        }

        /** The tile shift (see DuckDbTiles), null while the series is not tiled yet. */
        Integer tileShift() {
            return tileShift;
        }

        void tileShift(int shift) {
            tileShift = shift;
        }

        /** The running summary, to be merged with a batch (marks the series as touched). */
        SeriesSummary summary() {
            dirty = true;
            return summary;
        }
    }

    private final DuckDBConnection connection;
    private final Map<String, Map<String, Series>> byRun = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Series>> eldest) {
            return size() > MAX_RUNS && eldest.getValue().values().stream().noneMatch(s -> s.dirty);
        }
    };
    private int nextId = -1;
    private DuckDBAppender changes;
    private PreparedStatement insertNew;
    private PreparedStatement updateStored;
    private PreparedStatement clearChanges;
    private PreparedStatement loadRun;

    DuckDbSeriesCache(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** The series of (run, key), new (with the next free id) when the run has none with that key yet. */
    Series get(String runId, String key) throws SQLException {
        Map<String, Series> ofRun = byRun.get(runId);
        if (ofRun == null) {
            ofRun = load(runId);
            byRun.put(runId, ofRun);
        }
        Series s = ofRun.get(key);
        if (s == null) {
            if (nextId < 0) {
                nextId = (int) DuckDbSql.count(connection, "SELECT coalesce(max(series_id), 0) + 1 FROM series");
            }
            s = new Series(nextId++, runId, key, new SeriesSummary(), false, null);
            ofRun.put(key, s);
        }
        return s;
    }

    private Map<String, Series> load(String runId) throws SQLException {
        if (loadRun == null) {
            loadRun = connection.prepareStatement("SELECT s.series_id, metric_key, " + SUMMARY_COLUMNS
                    + ", t.shift FROM series s LEFT JOIN series_tiling t ON t.series_id = s.series_id WHERE run_id = ?");
        }
        Map<String, Series> ofRun = new HashMap<>();
        loadRun.setString(1, runId);
        try (ResultSet rs = loadRun.executeQuery()) {
            while (rs.next()) {
                SummaryRow row = summaryRow(rs);
                String key = row.summary().key();
                Integer shift = (Integer) rs.getObject(14);
                ofRun.put(key, new Series(row.id(), runId, key, SeriesSummary.of(row.summary()), true, shift));
            }
        }
        return ofRun;
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

    /**
     * Writes the touched summaries in the current transaction: appends them to a connection-local temp table, then
     * inserts the new series and updates the stored ones from it with three fixed, prepared statements.
     */
    void write(Collection<Series> touched) throws SQLException {
        if (changes == null) {
            DuckDbSql.exec(connection, "CREATE TEMP TABLE IF NOT EXISTS series_changes (series_id INTEGER, "
                    + "run_id VARCHAR, metric_key VARCHAR, stored BOOLEAN, point_count BIGINT, nan_count BIGINT, "
                    + "first_step BIGINT, first_value DOUBLE, last_step BIGINT, last_value DOUBLE, last_ts BIGINT, "
                    + "min_value DOUBLE, min_step BIGINT, max_value DOUBLE, max_step BIGINT)");
            changes = connection.createAppender("temp", "main", "series_changes");
            insertNew = connection.prepareStatement("INSERT INTO series SELECT series_id, run_id, metric_key, "
                    + SUMMARY_COLUMNS + " FROM series_changes WHERE NOT stored");
            updateStored = connection.prepareStatement("UPDATE series SET point_count = c.point_count, "
                    + "nan_count = c.nan_count, first_step = c.first_step, first_value = c.first_value, "
                    + "last_step = c.last_step, last_value = c.last_value, last_ts = c.last_ts, "
                    + "min_value = c.min_value, min_step = c.min_step, max_value = c.max_value, "
                    + "max_step = c.max_step FROM series_changes c WHERE c.stored AND series.series_id = c.series_id");
            clearChanges = connection.prepareStatement("DELETE FROM series_changes");
        }
        for (Series s : touched) {
            MetricSummary m = s.summary.toSummary(s.key);
            changes.beginRow().append(s.id).append(s.runId).append(s.key).append(s.stored).append(m.count())
                    .append(m.nanCount()).append(m.firstStep()).append(m.first()).append(m.lastStep()).append(m.last())
                    .append(m.lastTimestampMs()).append(m.min()).append(m.argMinStep()).append(m.max())
                    .append(m.argMaxStep()).endRow();
        }
        changes.flush();
        insertNew.executeUpdate();
        updateStored.executeUpdate();
        clearChanges.executeUpdate();
    }

    /** After commit: the touched series' rows exist and may be evicted again. */
    void committed(Collection<Series> touched) {
        for (Series s : touched) {
            s.stored = true;
            s.dirty = false;
        }
    }

    /**
     * Drops the cache and closes the appender and statements (after a failed transaction, before its rollback: a DuckDB
     * statement is unusable once it threw, and closing the appender flushes into the doomed transaction).
     */
    void forget() {
        byRun.clear();
        nextId = -1;
        close();
    }

    void close() {
        for (AutoCloseable c : new AutoCloseable[] { changes, insertNew, updateStored, clearChanges, loadRun }) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing anyway
                }
            }
        }
        changes = null;
        insertNew = null;
        updateStored = null;
        clearChanges = null;
        loadRun = null;
    }

    /**
     * The committed summaries of every series of a run, ordered by key as DuckDB orders {@code metric_key} (by code
     * point), or null when the run is not held or has an uncommitted change (for a read cache kept current on apply).
     */
    java.util.List<MetricSummary> committedSummaries(String runId) {
        Map<String, Series> ofRun = byRun.get(runId);
        if (ofRun == null) {
            return null;
        }
        java.util.List<MetricSummary> out = new java.util.ArrayList<>(ofRun.size());
        for (Series s : ofRun.values()) {
            if (!s.stored || s.dirty) {
                return null;
            }
            out.add(s.summary.toSummary(s.key));
        }
        out.sort((a, b) -> DuckDbKeyOrder.compare(a.key(), b.key()));
        return java.util.List.copyOf(out);
    }
}
