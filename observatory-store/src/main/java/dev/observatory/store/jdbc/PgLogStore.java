package dev.observatory.store.jdbc;

import dev.observatory.model.LogLine;
import dev.observatory.store.LogQuery;
import dev.observatory.store.LogStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.internal.LogLevels;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Run log lines in PostgreSQL. Sequence numbers start at 1 per run; the run row's {@code log_lines} counter hands them
 * out under the row lock, so concurrent appends to one run never collide.
 */
final class PgLogStore implements LogStore {

    /** {@link LogLevels#ofLine} in SQL: lines without a level, or with an unknown one, count as INFO. */
    private static final String LEVEL_RANK = "CASE upper(l.level) WHEN 'DEBUG' THEN " + LogLevels.DEBUG
            + " WHEN 'WARN' THEN " + LogLevels.WARN + " WHEN 'ERROR' THEN " + LogLevels.ERROR + " ELSE "
            + LogLevels.INFO + " END";

    private final PgDb db;

    PgLogStore(PgDb db) {
        this.db = db;
    }

    @Override
    public void append(String runId, List<LogLine> lines) {
        db.tx("append log lines", c -> {
            long last;
            try (PreparedStatement ps = c
                    .prepareStatement("UPDATE runs SET log_lines = log_lines + ? WHERE id = ? RETURNING log_lines")) {
                ps.setLong(1, lines.size());
                ps.setString(2, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("run '" + runId + "' not found");
                    }
                    last = rs.getLong(1);
                }
            }
            long seq = last - lines.size();
            Instant now = db.now();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO log_lines (run_id, seq, at, stream, level, text) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (LogLine line : lines) {
                    ps.setString(1, runId);
                    ps.setLong(2, ++seq);
                    PgDb.setInstant(ps, 3, line.at() == null ? now : line.at());
                    ps.setString(4, line.stream());
                    ps.setString(5, line.level());
                    ps.setString(6, line.text());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<LogLine> query(String runId, LogQuery q) {
        PgSql sql = new PgSql().append(
                "SELECT l.seq, l.at, l.stream, l.level, l.text FROM log_lines l " + "WHERE l.run_id = ? AND l.seq < ?",
                runId, q.beforeSeq());
        if (q.grep() != null && !q.grep().isEmpty()) {
            sql.append(" AND strpos(lower(l.text), lower(?)) > 0", q.grep());
        }
        if (q.level() != null) {
            sql.append(" AND " + LEVEL_RANK + " >= ?", LogLevels.ofFilter(q.level()));
        }
        if (q.stream() != null) {
            sql.append(" AND l.stream = ?", q.stream());
        }
        sql.append(" ORDER BY l.seq DESC LIMIT ?", q.limit());
        return db.tx("query log lines", c -> {
            List<LogLine> out = new ArrayList<>();
            try (PreparedStatement ps = sql.prepare(c);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LogLine(runId, rs.getLong(1), PgDb.getInstant(rs, "at"), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
            Collections.reverse(out);
            return out;
        });
    }

    @Override
    public long lineCount(String runId) {
        return db.tx("count log lines", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT log_lines FROM runs WHERE id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }
}
