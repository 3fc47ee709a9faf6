package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metric points on their way into {@code metric_points} (decision 0043): each series' part of a batch is appended as
 * one row of list columns to a connection-local temp table, and one prepared {@code INSERT ... SELECT unnest(...)} per
 * group moves them all, in the order they were staged, into the table. The JDBC Appender flushes (and DuckDB then
 * parses, plans and runs an insert) every 2,048 rows; appending the points row by row paid that about five times per
 * 10k-point batch, staging pays it once per group. Writer thread only.
 */
final class DuckDbPointStaging implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbPointStaging.class);

    private final DuckDBConnection connection;
    private DuckDBAppender staged;
    private PreparedStatement move;
    private PreparedStatement clear;
    private boolean pending;

    DuckDbPointStaging(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Stages the points of one series (in the current transaction once {@link #flush} runs). */
    void add(int seriesId, MetricColumns c) throws SQLException {
        if (staged == null) {
            open();
        }
        staged.beginRow().append(seriesId).append(c.steps()).append(c.timestampsMs()).append(c.values()).endRow();
        pending = true;
    }

    /** Moves every staged point into metric_points, in staging order, in the current transaction. */
    void flush() throws SQLException {
        if (!pending) {
            return;
        }
        staged.flush();
        move.executeUpdate();
        clear.executeUpdate();
        pending = false;
    }

    private void open() throws SQLException {
        DuckDbSql.exec(connection, "CREATE TEMP TABLE IF NOT EXISTS metric_points_staged (series_id INTEGER, "
                + "steps BIGINT[], ts BIGINT[], vals DOUBLE[])");
        staged = connection.createAppender("temp", "main", "metric_points_staged");
        move = connection.prepareStatement("INSERT INTO metric_points SELECT series_id, unnest(steps), unnest(ts), "
                + "unnest(vals) FROM metric_points_staged");
        clear = connection.prepareStatement("DELETE FROM metric_points_staged");
    }

    /**
     * Closes the appender and the statements (after a failed transaction, before its rollback: closing the appender
     * flushes what it holds into the transaction that is rolled back).
     */
    @Override
    public void close() {
        pending = false;
        try {
            if (staged != null) {
                staged.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the point staging appender: {}", e.getMessage());
        }
        for (PreparedStatement s : new PreparedStatement[] { move, clear }) {
            try {
                if (s != null) {
                    s.close();
                }
            } catch (SQLException e) {
                LOG.debug("closing a point staging statement: {}", e.getMessage());
            }
        }
        staged = null;
        move = null;
        clear = null;
    }
}
