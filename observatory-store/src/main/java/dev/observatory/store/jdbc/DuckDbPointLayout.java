package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.StringJoiner;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups {@code metric_points} by series in idle time (docs/decisions/0035-metric-point-layout.md). Ingest appends the
 * points of all series in arrival order, so a row group mixes series and a chart of one series scans every row group of
 * its run. The rows at or after {@code clustered_end} (the tail: ingested since the last rewrite) are rewritten in
 * steps: one step moves every tail row of a few series to the end of the table, ordered by series and then by rowid,
 * and deletes the old rows, in one transaction (a crash loses or duplicates nothing). Moving all of a series' rows
 * after a given rowid keeps its rows in ingest order whatever that rowid is, which is all that raw reads ({@code step,
 * rowid}) and the M4 tie rules depend on. A step moves about {@link Limits#stepRows} rows, so the writer is never held
 * for long; a pass ends when every series of the tail has moved, and then {@code clustered_end} moves past the
 * rewritten rows (or to the first row ingested during the pass). Writer thread only; the caller owns the transaction.
 */
final class DuckDbPointLayout {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbPointLayout.class);
    private static final long RETRY_NANOS = 60_000_000_000L;

    /**
     * {@code minTailRows}: a shorter tail is left as it is (it mixes at most a row group or two); {@code stepRows}:
     * rows moved per transaction (a series with more moves alone); {@code maxSeriesRows}: a series with more tail rows
     * is not moved (one step would hold the writer for seconds; such a series was written in long runs of its own).
     */
    record Limits(long minTailRows, long stepRows, long maxSeriesRows) {
        /** One DuckDB row group; about 1 M rows per step (a few hundred milliseconds). */
        static final Limits DEFAULT = new Limits(122_880, 1L << 20, 4L << 20);
    }

    /** What one committed step changes: the table's end after it, and the new clustered end when the pass ended. */
    record Step(long endAfter, long clusteredEnd) {
    }

    private final DuckDBConnection connection;
    /**
     * On unless {@code -Dobservatory.pointCompaction=false}: the rewrite makes the 1 M-point chart 0.81x (22.2 vs 27.3
     * ms, quiet). It was opt-in in session 8 because the memory DuckDB's allocator kept after a pass broke the idle RSS
     * bar; the store now has that memory purged in the background ({@link #releaseFreedMemory}, decision 0036).
     */
    private final boolean enabled = !"false".equals(System.getProperty("observatory.pointCompaction"));
    private volatile Limits limits = Limits.DEFAULT;
    private long clusteredEnd = -1;
    /** Series ids and tail rows of the pass under way, or null when none is. */
    private Deque<long[]> remaining;
    private long knownEnd;
    private long ingestBoundary = -1;
    private boolean dirty = true;
    private volatile boolean pending = enabled;
    private long retryAt;
    private long passStart;
    private long passRows;
    private int passSteps;
    private volatile Runnable afterMove = () -> {
    };

    DuckDbPointLayout(DuckDBConnection connection) {
        this.connection = connection;
        this.retryAt = System.nanoTime(); // System.nanoTime() may be negative: no fixed "long ago"
    }

    /**
     * Lets DuckDB's allocator (jemalloc) return freed pages to the system in the background. Without it, pages freed by
     * a burst (an ingest, a rewrite pass, a large query) are purged only by later allocations, so an idle server keeps
     * them: after the demo and its rewrite pass ~30-40 MB of RSS (decision 0036). A database-wide setting, so it is set
     * when the store opens, before the lock-down; {@code -Dobservatory.duckdbAllocatorPurge=false} leaves DuckDB's
     * default (the benchmarks' in-run baseline).
     */
    static void releaseFreedMemory(Connection c) throws SQLException {
        if ("false".equals(System.getProperty("observatory.duckdbAllocatorPurge")) || DuckDbSql
                .list(c, "SELECT current_setting('lock_configuration')", rs -> rs.getBoolean(1)).contains(true)) {
            return; // an instance the JDBC driver shares with an open store is locked and set already
        }
        DuckDbSql.exec(c, "SET allocator_background_threads = true");
    }

    /** Sets the limits (tests); the tail is looked at again with them. */
    void limits(Limits limits) {
        this.limits = limits;
        this.dirty = true;
    }

    /** Runs inside every step's transaction after its rows moved (tests: a failure there must undo the step). */
    void afterMove(Runnable hook) {
        this.afterMove = hook;
    }

    /** Told after every metric commit: new rows may have joined the tail. */
    void appended() {
        dirty = true;
        pending = enabled;
        if (remaining != null && ingestBoundary < 0) {
            ingestBoundary = knownEnd;
        }
    }

    /** Whether a step may have work to do now (cheap; no query). */
    boolean hasWork() {
        return enabled && (dirty || remaining != null) && System.nanoTime() - retryAt >= 0;
    }

    /** False once the tail has been rewritten (or is too short to be) and nothing was ingested since. */
    boolean pending() {
        return pending;
    }

    /**
     * Runs one step inside the caller's transaction: starts a pass when none is under way, then moves the next series.
     * Returns what to {@link #committed} after the commit, or null when there is nothing to do.
     */
    Step step() throws SQLException {
        if (clusteredEnd < 0) {
            clusteredEnd = loadClusteredEnd();
        }
        if (remaining == null && !startPass()) {
            return null;
        }
        Limits l = limits;
        List<Long> ids = new ArrayList<>();
        long rows = 0;
        while (!remaining.isEmpty() && (ids.isEmpty() || rows + remaining.peek()[1] <= l.stepRows())) {
            long[] s = remaining.poll();
            ids.add(s[0]);
            rows += s[1];
        }
        long end = tableEnd(clusteredEnd);
        long moved = ids.isEmpty() ? 0 : move(ids, end);
        afterMove.run();
        long endAfter = end + moved;
        passRows += moved;
        passSteps++;
        long newClusteredEnd = -1;
        if (remaining.isEmpty()) {
            newClusteredEnd = ingestBoundary >= 0 ? ingestBoundary : endAfter;
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("UPDATE metric_layout_state SET clustered_end = " + newClusteredEnd + " WHERE id = 1");
            }
        }
        return new Step(endAfter, newClusteredEnd);
    }

    /** Remembers a committed step. */
    void committed(Step s) {
        knownEnd = s.endAfter();
        if (s.clusteredEnd() >= 0) {
            clusteredEnd = s.clusteredEnd();
            remaining = null;
            ingestBoundary = -1;
            pending = dirty; // rows ingested during the pass wait for the next one
            LOG.info("metric points rewritten by series: {} rows in {} steps, {} ms", passRows, passSteps,
                    (System.nanoTime() - passStart) / 1_000_000);
        }
    }

    /** Forgets the pass after a failed step (rolled back: nothing moved); tries again in a minute. */
    void failed(Exception e) {
        LOG.warn("rewriting metric points by series failed (tried again later): {}", e.getMessage());
        remaining = null;
        ingestBoundary = -1;
        clusteredEnd = -1;
        dirty = true;
        retryAt = System.nanoTime() + RETRY_NANOS;
    }

    /** Lists the tail's series; false (and nothing pending) when the tail is too short to rewrite. */
    private boolean startPass() throws SQLException {
        dirty = false;
        long end = tableEnd(clusteredEnd);
        Limits l = limits;
        Deque<long[]> series = new ArrayDeque<>();
        long total = 0;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT series_id, count(*) FROM metric_points WHERE rowid >= "
                        + clusteredEnd + " AND rowid < " + end + " GROUP BY series_id ORDER BY series_id")) {
            while (rs.next()) {
                total += rs.getLong(2);
                if (rs.getLong(2) <= l.maxSeriesRows()) {
                    series.add(new long[] { rs.getLong(1), rs.getLong(2) });
                }
            }
        }
        if (total < l.minTailRows()) {
            pending = false;
            return false;
        }
        if (series.size() == 1 && total == series.peek()[1]) {
            series.clear(); // a single series: already in ingest order; only clustered_end moves
        }
        remaining = series;
        passStart = System.nanoTime();
        passRows = 0;
        passSteps = 0;
        knownEnd = end;
        ingestBoundary = -1;
        return true;
    }

    /** Moves the tail rows of these series to the end of the table, grouped by series, in ingest order. */
    private long move(List<Long> ids, long end) throws SQLException {
        StringJoiner in = new StringJoiner(", ", "(", ")");
        ids.forEach(id -> in.add(Long.toString(id)));
        String where = " FROM metric_points WHERE rowid >= " + clusteredEnd + " AND rowid < " + end
                + " AND series_id IN " + in;
        int inserted;
        int deleted;
        try (Statement st = connection.createStatement()) {
            inserted = st.executeUpdate("INSERT INTO metric_points SELECT series_id, step, ts, value" + where
                    + " ORDER BY series_id, rowid");
            deleted = st.executeUpdate("DELETE" + where);
        }
        if (inserted != deleted) {
            throw new SQLException("metric point rewrite copied " + inserted + " rows but deleted " + deleted);
        }
        return inserted;
    }

    /** The rowid after the table's last row (rows are only appended, so no row is at or after it). */
    private long tableEnd(long from) throws SQLException {
        return Math.max(from, longOf("SELECT coalesce(max(rowid) + 1, 0) FROM metric_points WHERE rowid >= " + from));
    }

    /** Runs a query of one number with its values inlined (so that DuckDB can skip row groups by rowid). */
    private long longOf(String sql) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private long loadClusteredEnd() throws SQLException {
        long stored = longOf("SELECT clustered_end FROM metric_layout_state WHERE id = 1");
        long end = longOf("SELECT coalesce(max(rowid) + 1, 0) FROM metric_points");
        return stored <= end ? stored : 0; // a mark past the end cannot be right: rewrite from the start
    }
}
