package dev.observatory.store.jdbc;

import dev.observatory.model.LogLine;
import dev.observatory.store.NotFoundException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log ingest on the writer thread: assigns seq numbers per run (cached) and appends with the Appender. */
final class DuckDbLogIngest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbLogIngest.class);
    private static final int CACHED_RUNS_LIMIT = 100_000;

    private final DuckDBConnection connection;
    private final Clock clock;
    private final Map<String, Long> lastSeq = new HashMap<>();
    private DuckDBAppender appender;

    DuckDbLogIngest(DuckDBConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** Appends inside the writer's current transaction. */
    void append(String runId, List<LogLine> lines) throws SQLException {
        long seq = lastSeq(runId);
        if (appender == null) {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "log_lines");
        }
        for (LogLine l : lines) {
            seq++;
            Instant at = l.at() == null ? clock.instant() : l.at();
            appender.beginRow().append(runId).append(seq).appendEpochMicros(micros(at));
            nullable(l.stream());
            nullable(l.level());
            appender.append(l.text()).endRow();
        }
        appender.flush();
        lastSeq.put(runId, seq);
    }

    private void nullable(String s) throws SQLException {
        if (s == null) {
            appender.appendNull();
        } else {
            appender.append(s);
        }
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private long lastSeq(String runId) throws SQLException {
        Long cached = lastSeq.get(runId);
        if (cached != null) {
            return cached;
        }
        if (DuckDbSql.count(connection, "SELECT count(*) FROM runs WHERE id = ?", runId) == 0) {
            throw new NotFoundException("run '" + runId + "' does not exist");
        }
        if (lastSeq.size() >= CACHED_RUNS_LIMIT) {
            lastSeq.clear();
        }
        return DuckDbSql.count(connection, "SELECT coalesce(max(seq), 0) FROM log_lines WHERE run_id = ?", runId);
    }

    /** Drops the seq cache and the appender (after a failed transaction, before its rollback). */
    void forget() {
        lastSeq.clear();
        close();
    }

    @Override
    public void close() {
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException e) {
                LOG.debug("closing the log appender: {}", e.getMessage());
            }
            appender = null;
        }
    }
}
