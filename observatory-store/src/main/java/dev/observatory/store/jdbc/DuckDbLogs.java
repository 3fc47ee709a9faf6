package dev.observatory.store.jdbc;

import dev.observatory.model.LogLine;
import dev.observatory.store.LogQuery;
import dev.observatory.store.LogStore;
import dev.observatory.store.internal.LogLevels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        List<Object> args = new ArrayList<>(List.of(runId, q.beforeSeq()));
        String sql = "SELECT run_id, seq, logged_at, stream, level, text FROM log_lines WHERE run_id = ? AND seq < ?"
                + filters(q, args) + " ORDER BY seq DESC LIMIT " + q.limit();
        List<LogLine> ascending = new ArrayList<>(db.read(c -> DuckDbSql.list(c, sql, DuckDbLogs::line, args)));
        Collections.reverse(ascending);
        return ascending;
    }

    /** One statement for all the runs: the last {@code limit} matching lines of each by a window over the run. */
    @Override
    public Map<String, List<LogLine>> queryRuns(Collection<String> runIds, LogQuery q) {
        Map<String, List<LogLine>> out = new LinkedHashMap<>();
        runIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (out.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>(out.keySet());
        args.add(q.beforeSeq());
        String sql = "SELECT run_id, seq, logged_at, stream, level, text FROM (SELECT *, row_number() OVER "
                + "(PARTITION BY run_id ORDER BY seq DESC) AS nth FROM log_lines WHERE run_id IN ("
                + String.join(", ", Collections.nCopies(out.size(), "?")) + ") AND seq < ?" + filters(q, args)
                + ") WHERE nth <= " + q.limit() + " ORDER BY run_id, seq";
        db.read(c -> DuckDbSql.list(c, sql, rs -> out.get(rs.getString(1)).add(line(rs)), args));
        return out;
    }

    private static String filters(LogQuery q, List<Object> args) {
        StringBuilder sql = new StringBuilder();
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
        return sql.toString();
    }

    private static LogLine line(ResultSet rs) throws SQLException {
        return new LogLine(rs.getString(1), rs.getLong(2), DuckDbSql.instant(rs, "logged_at"), rs.getString(4),
                rs.getString(5), rs.getString(6));
    }

    @Override
    public long lineCount(String runId) {
        return lineCounts.get(runId,
                () -> db.read(c -> DuckDbSql.count(c, "SELECT count(*) FROM log_lines WHERE run_id = ?", runId)));
    }
}
