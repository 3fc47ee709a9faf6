package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metric ingest on the writer thread: stages the points of a group of batches (DuckDbPointStaging: one insert per
 * group), merges each batch into its series summary in Java, writes the touched summary rows and commits once. Caches
 * series ids and summaries (and the runs known to exist) so that ingest never reads metric_points; the caches are
 * dropped after a failed commit and reloaded from the database.
 */
final class DuckDbMetricIngest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbMetricIngest.class);
    private static final int KNOWN_RUNS_LIMIT = 100_000;

    private final DuckDBConnection connection;
    private final DuckDbSeriesCache series;
    private final DuckDbTiles tiles;
    private final DuckDbPointStaging points;
    private final Set<String> knownRuns = new HashSet<>();
    private PreparedStatement runLookup;
    private PreparedStatement journalState;

    DuckDbMetricIngest(DuckDBConnection connection) {
        this.connection = connection;
        this.series = new DuckDbSeriesCache(connection);
        this.tiles = new DuckDbTiles(connection);
        this.points = new DuckDbPointStaging(connection);
    }

    /**
     * Appends and commits the group; completes each task's future (NotFound for unknown runs). A group of journaled
     * batches also records, in the same transaction, the highest journal sequence it applies.
     */
    void commit(List<DuckDbWriter.MetricTask> group) {
        List<DuckDbWriter.MetricTask> accepted = new ArrayList<>();
        Set<DuckDbSeriesCache.Series> touched = new LinkedHashSet<>();
        Set<DuckDbSeriesCache.Series> tiledNow = new LinkedHashSet<>();
        try {
            DuckDbSql.exec(connection, "BEGIN TRANSACTION");
            for (DuckDbWriter.MetricTask task : group) {
                if (!runExists(task.runId())) {
                    task.done()
                            .completeExceptionally(new NotFoundException("run '" + task.runId() + "' does not exist"));
                    continue;
                }
                appendBatch(task.runId(), task.batch(), touched, tiledNow);
                accepted.add(task);
            }
            if (!touched.isEmpty()) {
                points.flush();
                tiles.flush();
                for (DuckDbSeriesCache.Series s : tiledNow) {
                    tiles.tileExisting(s.id(), s.tileShift());
                }
                series.write(touched);
            }
            long journalSeq = group.stream().mapToLong(DuckDbWriter.MetricTask::seq).max().orElse(0);
            if (journalSeq > 0) {
                recordApplied(journalSeq);
            }
            DuckDbSql.exec(connection, "COMMIT");
            series.committed(touched);
            accepted.forEach(t -> t.done().complete(null));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("metric commit of {} batches failed: {}", accepted.size(), e.getMessage());
            forget(); // closing the appender flushes its rows into the transaction that is rolled back next
            rollback();
            StoreException failure = new StoreException("metric ingest failed: " + e.getMessage(), e);
            accepted.forEach(t -> t.done().completeExceptionally(failure));
        }
    }

    /**
     * Appends one batch's points, merges it into the summaries and writes its tile rows; a series whose spacing becomes
     * known in this group joins {@code tiledNow} and is tiled from the stored points after the flush instead.
     */
    private void appendBatch(String runId, Map<String, MetricColumns> batch, Set<DuckDbSeriesCache.Series> touched,
            Set<DuckDbSeriesCache.Series> tiledNow) throws SQLException {
        for (Map.Entry<String, MetricColumns> e : batch.entrySet()) {
            MetricColumns c = e.getValue();
            if (c.size() == 0) {
                continue;
            }
            DuckDbSeriesCache.Series s = series.get(runId, e.getKey());
            int id = s.id();
            points.add(id, c);
            s.summary().add(c);
            touched.add(s);
            if (s.tileShift() == null && s.summary().count() == c.size()) {
                // a new series: tiled from its first batch (no stored points to tile, no table scan)
                Integer shift = DuckDbTiles.chooseShift(s.summary());
                s.tileShift(shift == null ? DuckDbTiles.MIN_SHIFT : shift);
                tiles.recordShift(id, s.tileShift());
                tiles.append(id, s.tileShift(), c);
            } else if (s.tileShift() == null) {
                // a series stored before tiles existed (schema V4): tiled once from its stored points after the flush
                Integer shift = DuckDbTiles.chooseShift(s.summary());
                if (shift != null) {
                    s.tileShift(shift);
                    tiledNow.add(s);
                }
            } else if (!tiledNow.contains(s)) {
                tiles.append(id, s.tileShift(), c);
            }
        }
    }

    private void recordApplied(long seq) throws SQLException {
        if (journalState == null) {
            journalState = connection.prepareStatement("UPDATE metric_journal_state SET applied_seq = ? WHERE id = 1");
        }
        journalState.setLong(1, seq);
        journalState.executeUpdate();
    }

    /** The last journal sequence applied to the database (0 for a new database). */
    static long appliedSeq(java.sql.Connection c) throws SQLException {
        return DuckDbSql.count(c, "SELECT coalesce(max(applied_seq), 0) FROM metric_journal_state");
    }

    private boolean runExists(String runId) throws SQLException {
        if (knownRuns.contains(runId)) {
            return true;
        }
        if (runLookup == null) {
            runLookup = connection.prepareStatement("SELECT count(*) FROM runs WHERE id = ?");
        }
        runLookup.setString(1, runId);
        boolean exists;
        try (ResultSet rs = runLookup.executeQuery()) {
            exists = rs.next() && rs.getLong(1) > 0;
        }
        if (exists) {
            if (knownRuns.size() >= KNOWN_RUNS_LIMIT) {
                knownRuns.clear();
            }
            knownRuns.add(runId);
        }
        return exists;
    }

    private void rollback() {
        try {
            DuckDbSql.exec(connection, "ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.getMessage());
        }
    }

    /** Drops every cache, the staged points and the appenders (after a failed transaction). */
    void forget() {
        series.forget();
        tiles.close();
        knownRuns.clear();
        closeAppender();
        closeRunLookup();
    }

    private void closeAppender() {
        points.close();
    }

    private void closeRunLookup() {
        if (journalState != null) {
            try {
                journalState.close();
            } catch (SQLException e) {
                LOG.debug("closing the journal state statement: {}", e.getMessage());
            }
            journalState = null;
        }
        if (runLookup != null) {
            try {
                runLookup.close();
            } catch (SQLException e) {
                LOG.debug("closing the run lookup: {}", e.getMessage());
            }
            runLookup = null;
        }
    }

    @Override
    public void close() {
        closeAppender();
        closeRunLookup();
        series.close();
        tiles.close();
    }

    /** Writer thread, after a commit: see {@link DuckDbSeriesCache#committedSummaries}. */
    java.util.List<dev.observatory.model.MetricSummary> committedSummaries(String runId) {
        return series.committedSummaries(runId);
    }
}
