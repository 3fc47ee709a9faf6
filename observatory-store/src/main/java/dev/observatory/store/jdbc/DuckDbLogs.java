package dev.observatory.store.jdbc;

import dev.observatory.model.LogLine;
import dev.observatory.store.LogQuery;
import dev.observatory.store.LogStore;
import dev.observatory.store.internal.LogLevels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Run logs: appended by the writer thread, queried newest-first and returned in seq order. */
final class DuckDbLogs implements LogStore {

    private static final String LEVEL_RANK = "CASE upper(level) WHEN 'DEBUG' THEN " + LogLevels.DEBUG + " WHEN 'WARN' "
            + "THEN " + LogLevels.WARN + " WHEN 'ERROR' THEN " + LogLevels.ERROR + " ELSE " + LogLevels.INFO + " END";

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final DuckDbReadCache<Long> lineCounts = new DuckDbReadCache<>(4096);

    DuckDbLogs(DuckDbConnections db, DuckDbWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    @Override
    public void append(String runId, List<LogLine> lines) {
        try {
            writer.appendLogs(runId, lines);
        } finally {
            lineCounts.invalidate(runId);
        }
    }

    @Override
    public List<LogLine> query(String runId, LogQuery q) {
        StringBuilder sql = new StringBuilder(
                "SELECT run_id, seq, logged_at, stream, level, text FROM log_lines " + "WHERE run_id = ? AND seq < ?");
        List<Object> args = new ArrayList<>(List.of(runId, q.beforeSeq()));
        if (q.stream() != null) {
            sql.append(" AND stream = ?");
            args.add(q.stream());
        }
        if (q.level() != null) {
            sql.append(" AND ").append(LEVEL_RANK).append(" >= ").append(LogLevels.ofFilter(q.level()));
        }
        if (q.grep() != null) {
            sql.append(" AND strpos(lower(text), ?) > 0");
            args.add(q.grep().toLowerCase(Locale.ROOT));
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(q.limit());
        List<LogLine> lines = db
                .read(c -> DuckDbSql.list(
                        c, sql.toString(), rs -> new LogLine(rs.getString(1), rs.getLong(2),
                                DuckDbSql.instant(rs, "logged_at"), rs.getString(4), rs.getString(5), rs.getString(6)),
                        args));
        List<LogLine> ascending = new ArrayList<>(lines);
        Collections.reverse(ascending);
        return ascending;
    }

    @Override
    public long lineCount(String runId) {
        return lineCounts.get(runId,
                () -> db.read(c -> DuckDbSql.count(c, "SELECT count(*) FROM log_lines WHERE run_id = ?", runId)));
    }
}
