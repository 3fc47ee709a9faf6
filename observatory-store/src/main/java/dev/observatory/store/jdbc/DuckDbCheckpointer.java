package dev.observatory.store.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints the database from its own thread and connection once the write-ahead log has grown to a size (decision
 * 0046). DuckDB's automatic checkpoint runs inside the {@code COMMIT} that crosses its threshold, on the committing
 * thread: for the single writer thread that was about a third of its time under sustained span ingest (reading the new
 * row groups back and compressing them), while every waiting caller waited too. DuckDB 2.0 lets insert-only commits to
 * tables without indexes (spans, metric points) go on while a checkpoint runs, so here the compression runs beside the
 * writer instead of in front of it; a commit that must wait (an update, a table with an index) waits as it did for the
 * automatic checkpoint.
 * <p>
 * DuckDB's own threshold stays set, at {@link #BACKSTOP_FACTOR} times this one, for when this thread cannot checkpoint
 * (a plain CHECKPOINT fails while another transaction holds the checkpoint lock; it is tried again on the next tick).
 * Durability does not depend on either: every commit is synced to the WAL before it is acknowledged.
 */
final class DuckDbCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbCheckpointer.class);

    /**
     * WAL size at which the checkpoint runs. At DuckDB's default 16 MB (about 27,000 spans) each checkpoint compressed
     * the table's last, still partial row group (122,880 rows) again and again: at 128 MB the process spends 0.78x the
     * CPU per span batch under sustained ingest (decision 0034). What is acknowledged is durable either way; a restart
     * after a crash may replay up to about this much WAL.
     */
    static final String THRESHOLD = "128MB";
    /** System property overriding {@link #THRESHOLD} (benchmarks' A/B runs), e.g. {@code 16MB}. */
    static final String THRESHOLD_PROPERTY = "observatory.duckdb.checkpointThreshold";
    /**
     * {@code false} ({@code -Dobservatory.duckdb.backgroundCheckpoint=false}): no checkpoint thread; DuckDB checkpoints
     * in the committing writer at {@link #THRESHOLD}, as before decision 0046 (benchmarks' A/B runs).
     */
    static final String BACKGROUND_PROPERTY = "observatory.duckdb.backgroundCheckpoint";
    /** DuckDB's automatic threshold is this many times {@link #THRESHOLD} while the checkpoint thread runs. */
    static final int BACKSTOP_FACTOR = 4;
    /** How often the thread looks at the WAL's size. */
    static final long TICK_MILLIS = 200;

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,3})?) ?(B|KB|MB|GB|KiB|MiB|GiB)");

    private final DuckDBConnection connection;
    private final Path wal;
    private final long triggerBytes;
    private final long tickMillis;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean stopping;
    private volatile long checkpoints;
    private volatile long failures;

    /**
     * Starts the thread; it owns {@code connection} (closed by {@link #close}). {@code wal}: the database's WAL file.
     */
    DuckDbCheckpointer(DuckDBConnection connection, Path wal, long triggerBytes, long tickMillis) {
        this.connection = connection;
        this.wal = wal;
        this.triggerBytes = triggerBytes;
        this.tickMillis = tickMillis;
        this.thread = new Thread(this::run, "duckdb-checkpointer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the checkpoint thread runs (unless the system property turns it off). */
    static boolean enabled() {
        return !"false".equals(System.getProperty(BACKGROUND_PROPERTY));
    }

    /**
     * Sets DuckDB's automatic checkpoint threshold on the database instance: {@link #threshold()}, times
     * {@link #BACKSTOP_FACTOR} when {@code background}. A global setting (every connection; it must be set before
     * {@link DuckDbSandbox#lockDown}); an instance already locked (the JDBC driver shares one per file) was set when it
     * was first opened.
     */
    static void setAutomaticThreshold(java.sql.Connection root, boolean background) throws SQLException {
        boolean locked = DuckDbSql.list(root, "SELECT current_setting('lock_configuration')", rs -> rs.getBoolean(1))
                .contains(true);
        if (!locked) {
            long bytes = bytes(threshold()) * (background ? BACKSTOP_FACTOR : 1);
            DuckDbSql.exec(root, "SET checkpoint_threshold = '" + bytes / 1000 + "KB'");
        }
    }

    /** {@link #THRESHOLD}, or the size the system property names (digits and a unit such as MB, GiB). */
    static String threshold() {
        String size = System.getProperty(THRESHOLD_PROPERTY, THRESHOLD).strip();
        if (!SIZE.matcher(size).matches()) {
            throw new IllegalArgumentException(
                    THRESHOLD_PROPERTY + " must be a size such as 16MB or 1GiB, got '" + size + "'");
        }
        return size;
    }

    /** A size as {@link #threshold()} accepts it, in bytes (KB, MB, GB are powers of 1000, as DuckDB reads them). */
    static long bytes(String size) {
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + size + "'");
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 1000L;
            case "MB" -> 1000L * 1000;
            case "GB" -> 1000L * 1000 * 1000;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            default -> 1L;
        };
        return Math.max(1, (long) (n * unit));
    }

    /** Checkpoints run by this thread so far. */
    long checkpoints() {
        return checkpoints;
    }

    /** Checkpoints this thread tried that DuckDB refused or failed (tried again on a later tick). */
    long failures() {
        return failures;
    }

    private void run() {
        while (waitTick()) {
            if (walBytes() >= triggerBytes) {
                checkpoint();
            }
        }
    }

    /** Waits one tick; false once {@link #close} was called. */
    private boolean waitTick() {
        synchronized (lock) {
            if (!stopping) {
                try {
                    lock.wait(tickMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            return !stopping;
        }
    }

    private long walBytes() {
        try {
            return Files.size(wal);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            LOG.debug("cannot read the WAL's size: {}", e.getMessage());
            return 0;
        }
    }

    private void checkpoint() {
        long t0 = System.nanoTime();
        try {
            DuckDbSql.exec(connection, "CHECKPOINT");
            checkpoints++;
            LOG.debug("background checkpoint in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            failures++;
            LOG.debug("background checkpoint not run now: {}", e.getMessage());
        }
    }

    /** Stops the thread (after a checkpoint it is running) and closes its connection. */
    @Override
    public void close() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DuckDbConnections.closeQuietly(connection);
    }
}
