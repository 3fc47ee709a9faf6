package dev.observatory.store.jdbc;

import dev.observatory.store.StoreException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Span batches on the writer thread, group-committed: the batches waiting together are appended with one Appender (kept
 * open across commits) in one transaction, and every caller is answered only after that commit. When the group fails,
 * it is rolled back and each batch is committed again on its own, so that one bad batch never fails (or is acknowledged
 * with) another: an acknowledged batch is always committed, a failed one is never partly stored.
 * <p>
 * Duplicates: a batch first reads the keys stored with a start time in its range (zone maps skip the other row groups;
 * for new spans that is next to nothing), then appends the spans neither among them nor appended earlier in the group.
 * When that range already holds many spans, the batch goes through the staging table {@code spans_in} and an anti-join.
 * A batch that starts after everything stored, or whose keys' hashes the writer has not appended since it opened
 * ({@link SpanKeyHashes}), skips that read: no span of it can be stored yet (decision 0041).
 */
final class DuckDbSpanIngest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbSpanIngest.class);

    /** Most stored keys read back for the duplicate check before comparing in the database instead. */
    static final int CHECK_LIMIT = 4096;
    /** Keys of the spans stored with a start in a range (the batch's). */
    private static final String STORED_IN_RANGE = "SELECT trace_id || span_id FROM spans "
            + "WHERE start_ns BETWEEN ? AND ? LIMIT ?";
    /** Copies the staged spans whose key is not stored yet (a re-sent span has the same start time). */
    private static final String INSERT_NEW = "INSERT INTO spans SELECT i.* FROM spans_in i WHERE NOT EXISTS ("
            + "SELECT 1 FROM spans s WHERE s.start_ns BETWEEN ? AND ? AND s.trace_id = i.trace_id "
            + "AND s.span_id = i.span_id AND s.start_ns = i.start_ns)";
    private static final long UNKNOWN = Long.MIN_VALUE + 1;
    /**
     * Keys remembered per generation ({@link SpanKeyHashes}; two generations, at most 16 MB of hashes): a batch whose
     * keys were never appended since the writer opened skips the duplicate-check query (decision 0041).
     */
    static final int REMEMBERED_KEYS = 1 << 19;
    /** False ({@code -Dobservatory.spans.rememberKeys=false}): every overlapping batch queries (benchmarks' A/B). */
    static final boolean REMEMBER_KEYS = !"false".equals(System.getProperty("observatory.spans.rememberKeys"));
    /**
     * WAL size at which a commit checkpoints ({@code checkpoint_threshold}; DuckDB's default 16 MB). The automatic
     * checkpoint runs inside the committing writer's {@code COMMIT}, and at 16 MB (about 27,000 spans) it compressed
     * the table's last, still partial row group (122,880 rows) again and again: at 128 MB the writer thread spends
     * 0.65x and the process 0.78x the CPU per span batch under sustained ingest (decision 0034). The writer's idle
     * checkpoint still moves the rest of the WAL into the file after a quiet second, and every commit is synced to the
     * WAL as before, so what is acknowledged stays durable; only a restart after a crash may replay up to this much
     * WAL.
     */
    static final String CHECKPOINT_THRESHOLD = "128MB";
    /** System property overriding {@link #CHECKPOINT_THRESHOLD} (benchmarks' A/B runs), e.g. {@code 16MB}. */
    static final String CHECKPOINT_THRESHOLD_PROPERTY = "observatory.duckdb.checkpointThreshold";

    /**
     * The rows of one batch in table column order (encoded on the caller's thread), distinct by key, and the range of
     * their start times.
     */
    record Batch(List<Object[]> rows, long from, long to) {
    }

    private final DuckDBConnection connection;
    private DuckDBAppender appender;
    /** Latest start_ns stored (or written in the current transaction). */
    private long latestStart = UNKNOWN;
    /** Hashes of the keys appended since the first batch (decision 0041); set with {@link #latestStart}. */
    private SpanKeyHashes recent;

    /**
     * Sets {@link #CHECKPOINT_THRESHOLD} on the database instance (a global setting: it holds for every connection and
     * must be set before {@link DuckDbSandbox#lockDown}); an instance already locked (the JDBC driver shares one per
     * file) was set when it was first opened.
     */
    static void setCheckpointThreshold(java.sql.Connection root) throws SQLException {
        boolean locked = DuckDbSql.list(root, "SELECT current_setting('lock_configuration')", rs -> rs.getBoolean(1))
                .contains(true);
        if (!locked) {
            DuckDbSql.exec(root, "SET checkpoint_threshold = '" + checkpointThreshold() + "'");
        }
    }

    /** {@link #CHECKPOINT_THRESHOLD}, or the size the system property names (digits and a unit such as MB, GiB). */
    static String checkpointThreshold() {
        String size = System.getProperty(CHECKPOINT_THRESHOLD_PROPERTY, CHECKPOINT_THRESHOLD).strip();
        if (!size.matches("[0-9]{1,9}(\\.[0-9]{1,3})? ?(B|KB|MB|GB|KiB|MiB|GiB)")) {
            throw new IllegalArgumentException(
                    CHECKPOINT_THRESHOLD_PROPERTY + " must be a size such as 16MB or 1GiB, got '" + size + "'");
        }
        return size;
    }

    DuckDbSpanIngest(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Commits the group's batches together and completes each task; on failure, each batch alone. */
    void commit(List<DuckDbWriter.SpanTask> group) {
        try {
            DuckDbSql.exec(connection, "BEGIN TRANSACTION");
            Set<JdbcSpanRows.SpanKey> appended = group.size() > 1 ? new HashSet<>() : null; // a batch alone is distinct
                                                                                            // already
            for (DuckDbWriter.SpanTask task : group) {
                append(task.batch(), appended);
            }
            if (appender != null) {
                appender.flush();
            }
            DuckDbSql.exec(connection, "COMMIT");
        } catch (SQLException | RuntimeException e) {
            forget(); // closing the appender flushes its rows into the transaction that is rolled back next
            rollback();
            if (group.size() > 1) {
                LOG.debug("span group of {} batches failed, committing them one by one: {}", group.size(),
                        e.getMessage());
                group.forEach(t -> commit(List.of(t)));
            } else {
                group.get(0).done()
                        .completeExceptionally(new StoreException("DuckDB span write failed: " + e.getMessage(), e));
            }
            return;
        }
        group.forEach(t -> t.done().complete(null));
    }

    /** Appends the batch's new spans; {@code appended}: keys appended earlier in the group, null for a lone batch. */
    private void append(Batch b, Set<JdbcSpanRows.SpanKey> appended) throws SQLException {
        long latest = latestStart();
        latestStart = Math.max(latest, b.to());
        long[] hashes = hashes(b);
        List<String> stored = b.from() > latest || unseen(b, hashes) ? List.of() // nothing stored to compare with
                : DuckDbSql.list(connection, STORED_IN_RANGE, rs -> rs.getString(1), b.from(), b.to(), CHECK_LIMIT + 1);
        remember(hashes);
        if (stored.size() > CHECK_LIMIT) {
            staged(b, appended); // many spans stored in that time range: let the database compare
            return;
        }
        Set<String> skip = stored.isEmpty() ? Set.of() : new HashSet<>(stored);
        DuckDBAppender a = appender();
        for (Object[] row : b.rows()) {
            if ((skip.isEmpty() || !skip.contains(key(row))) && (appended == null || appended.add(pair(row)))) {
                appendRow(a, row);
            }
        }
    }

    /** The key hashes of the batch's rows (null when the writer keeps no hashes). */
    private long[] hashes(Batch b) {
        if (!REMEMBER_KEYS) {
            return null;
        }
        long[] out = new long[b.rows().size()];
        for (int i = 0; i < out.length; i++) {
            Object[] row = b.rows().get(i);
            out[i] = SpanKeyHashes.hash((String) row[0], (String) row[1]);
        }
        return out;
    }

    /**
     * True when no span of the batch can be stored yet: its range starts after the remembered keys' boundary (so every
     * stored span in range was appended by this writer) and none of its keys' hashes were appended.
     */
    private boolean unseen(Batch b, long[] hashes) {
        if (hashes == null || b.from() <= recent.coveredAfter()) {
            return false;
        }
        for (long h : hashes) {
            if (recent.mayContain(h)) {
                return false;
            }
        }
        return true;
    }

    /** Remembers the batch's keys (whether appended now or already stored: an extra hash only costs a query). */
    private void remember(long[] hashes) {
        if (hashes != null) {
            for (long h : hashes) {
                recent.add(h, latestStart);
            }
        }
    }

    /**
     * The latest span start stored, read once; afterwards kept on the writer thread (it may run ahead of what a rolled
     * back transaction left, which only costs a check that was not needed).
     */
    private long latestStart() throws SQLException {
        if (latestStart == UNKNOWN) {
            latestStart = DuckDbSql.count(connection,
                    "SELECT coalesce(max(start_ns), " + Long.MIN_VALUE + ") FROM spans");
            recent = new SpanKeyHashes(REMEMBERED_KEYS, latestStart);
        }
        return latestStart;
    }

    /** The key text of a row as {@link #STORED_IN_RANGE} reads it back. */
    private static String key(Object[] row) {
        return (String) row[0] + row[1];
    }

    /** The key of a row within a group: no string built on the writer thread. */
    private static JdbcSpanRows.SpanKey pair(Object[] row) {
        return new JdbcSpanRows.SpanKey((String) row[0], (String) row[1]);
    }

    private void staged(Batch b, Set<JdbcSpanRows.SpanKey> appended) throws SQLException {
        try (DuckDBAppender staging = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans_in")) {
            for (Object[] row : b.rows()) {
                if (appended == null || appended.add(pair(row))) {
                    appendRow(staging, row);
                }
            }
        }
        DuckDbSql.update(connection, INSERT_NEW, b.from(), b.to());
        DuckDbSql.exec(connection, "DELETE FROM spans_in");
    }

    private DuckDBAppender appender() throws SQLException {
        if (appender == null) {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans");
        }
        return appender;
    }

    static void appendRow(DuckDBAppender a, Object[] values) throws SQLException {
        a.beginRow();
        for (Object v : values) {
            switch (v) {
                case null -> a.appendNull();
                case String s -> a.append(s);
                case Long l -> a.append(l.longValue());
                case Integer i -> a.append(i.intValue());
                case Double d -> a.append(d.doubleValue());
                case Boolean x -> a.append(x.booleanValue());
                default -> throw new IllegalStateException("unexpected span column value " + v.getClass());
            }
        }
        a.endRow();
    }

    private void rollback() {
        try {
            DuckDbSql.exec(connection, "ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.getMessage());
        }
    }

    /** Drops the open Appender (its buffered rows go into the current transaction, which the caller rolls back). */
    private void forget() {
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing the span appender: {}", e.getMessage());
            }
            appender = null;
        }
    }

    @Override
    public void close() {
        forget();
    }
}
