package dev.observatory.store.jdbc;

import dev.observatory.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.duckdb.DuckDBConnection;

/**
 * Connections to one DuckDB database: the root connection the file was opened with, and a small pool of read
 * connections duplicated from it (a DuckDB connection runs one query at a time; many connections share the database
 * instance in this process).
 */
final class DuckDbConnections implements AutoCloseable {

    private final DuckDBConnection root;
    private final int maxReaders;
    private final LinkedBlockingQueue<DuckDBConnection> idle = new LinkedBlockingQueue<>();
    private final List<DuckDBConnection> all = new ArrayList<>();

    DuckDbConnections(DuckDBConnection root, int maxReaders) {
        this.root = root;
        this.maxReaders = maxReaders;
    }

    DuckDBConnection root() {
        return root;
    }

    synchronized DuckDBConnection duplicate() throws SQLException {
        return root.duplicate();
    }

    /** Runs read-only work on a pooled connection (auto-commit: each statement sees the latest commits). */
    <T> T read(DuckDbSql.SqlWork<T> work) {
        DuckDBConnection c = borrow();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("DuckDB read failed: " + e.getMessage(), e);
        } finally {
            idle.add(c);
        }
    }

    private DuckDBConnection borrow() {
        DuckDBConnection c = idle.poll();
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (all.size() < maxReaders) {
                try {
                    DuckDBConnection fresh = root.duplicate();
                    all.add(fresh);
                    return fresh;
                } catch (SQLException e) {
                    throw new StoreException("cannot open a DuckDB connection: " + e.getMessage(), e);
                }
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a DuckDB connection", e);
        }
    }

    @Override
    public synchronized void close() {
        for (Connection c : all) {
            closeQuietly(c);
        }
        all.clear();
        idle.clear();
        closeQuietly(root);
    }

    static void closeQuietly(Connection c) {
        DuckDbSql.forget(c);
        try {
            c.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
