package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.nullableLong;
import static dev.observatory.store.jdbc.JdbcRows.placeholders;
import static dev.observatory.store.jdbc.JdbcRows.query;

import dev.observatory.model.eval.EvalAggregate;
import dev.observatory.model.eval.EvalMetricCount;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.eval.EvalSubjectKind;
import dev.observatory.store.ConflictException;
import dev.observatory.store.EvalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluation results over JDBC (table {@code eval_results}, duckdb/V14.sql and postgres/V11.sql), shared by both
 * backends. A batch is inserted with multi-row INSERT statements of up to {@link #ROWS_PER_STATEMENT} rows inside one
 * transaction.
 */
final class JdbcEvals implements EvalStore {
    static final int ROWS_PER_STATEMENT = 500;
    private static final String COLUMNS = "id, subject_kind, subject_id, eval_name, metric, value, episode, seed, step,"
            + " recorded_ms";

    private final JdbcTx tx;

    JdbcEvals(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public void append(List<EvalResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (EvalResult r : results) {
            if (!ids.add(r.id())) {
                throw new ConflictException("evaluation result " + r.id() + " appears twice in the batch");
            }
        }
        tx.write(c -> {
            List<Object> idList = new ArrayList<>(ids);
            for (int i = 0; i < idList.size(); i += ROWS_PER_STATEMENT) {
                List<Object> chunk = idList.subList(i, Math.min(idList.size(), i + ROWS_PER_STATEMENT));
                if (!query(c, "SELECT id FROM eval_results WHERE id IN " + placeholders(chunk.size()), chunk, rs -> 1)
                        .isEmpty()) {
                    throw new ConflictException("an evaluation result of this batch exists already");
                }
            }
            for (int i = 0; i < results.size(); i += ROWS_PER_STATEMENT) {
                insert(c, results.subList(i, Math.min(results.size(), i + ROWS_PER_STATEMENT)));
            }
            return null;
        });
    }

    private static void insert(Connection c, List<EvalResult> rows) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO eval_results (" + COLUMNS + ") VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(placeholders(10));
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (EvalResult r : rows) {
                ps.setString(p++, r.id());
                ps.setString(p++, r.subject().kind().wire());
                ps.setString(p++, r.subject().id());
                ps.setString(p++, r.evalName());
                ps.setString(p++, r.metric());
                ps.setDouble(p++, r.value());
                setLong(ps, p++, r.episode());
                setLong(ps, p++, r.seed());
                setLong(ps, p++, r.step());
                ps.setLong(p++, r.recordedAt().toEpochMilli());
            }
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    @Override
    public List<EvalResult> list(EvalQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        args.add(q.limit());
        args.add(q.offset());
        String order = String.join(", ", tx.byCodePoint("subject_kind"), tx.byCodePoint("subject_id"),
                tx.byCodePoint("eval_name"), tx.byCodePoint("metric"), "recorded_ms", tx.byCodePoint("id"));
        return tx.read(c -> query(c,
                "SELECT " + COLUMNS + " FROM eval_results" + where + " ORDER BY " + order + " LIMIT ? OFFSET ?", args,
                JdbcEvals::map));
    }

    @Override
    public long count(EvalQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        return tx.read(c -> query(c, "SELECT count(*) FROM eval_results" + where, args, rs -> rs.getLong(1)).get(0));
    }

    @Override
    public List<EvalMetricCount> metrics(EvalQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        return tx.read(c -> query(c,
                "SELECT eval_name, metric, count(*), count(DISTINCT subject_kind || ':' || subject_id) FROM eval_results"
                        + where + " GROUP BY eval_name, metric ORDER BY " + tx.byCodePoint("eval_name") + ", "
                        + tx.byCodePoint("metric"),
                args, rs -> new EvalMetricCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))));
    }

    @Override
    public List<EvalSubject> subjects(EvalQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        args.add(q.limit());
        args.add(q.offset());
        return tx.read(c -> query(c,
                "SELECT subject_kind, subject_id FROM eval_results" + where
                        + " GROUP BY subject_kind, subject_id ORDER BY " + tx.byCodePoint("subject_kind") + ", "
                        + tx.byCodePoint("subject_id") + " LIMIT ? OFFSET ?",
                args, rs -> new EvalSubject(EvalSubjectKind.parse(rs.getString(1)), rs.getString(2))));
    }

    @Override
    public List<EvalAggregate> aggregates(EvalQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        args.add(q.limit());
        args.add(q.offset());
        String group = "subject_kind, subject_id, eval_name, metric";
        String order = String.join(", ", tx.byCodePoint("subject_kind"), tx.byCodePoint("subject_id"),
                tx.byCodePoint("eval_name"), tx.byCodePoint("metric"));
        String sql = "SELECT " + group + ", count(*), avg(value), min(value), max(value),"
                + " max(CASE WHEN rn = 1 THEN value END) FROM (SELECT " + group + ", value, row_number() OVER"
                + " (PARTITION BY " + group + " ORDER BY recorded_ms DESC, " + tx.byCodePoint("id")
                + " DESC) AS rn FROM eval_results" + where + ") t GROUP BY " + group + " ORDER BY " + order
                + " LIMIT ? OFFSET ?";
        return tx.read(c -> query(c, sql, args,
                rs -> new EvalAggregate(new EvalSubject(EvalSubjectKind.parse(rs.getString(1)), rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getLong(5), rs.getDouble(6), rs.getDouble(7),
                        rs.getDouble(8), rs.getDouble(9))));
    }

    private static String where(EvalQuery q, List<Object> args) {
        List<String> conds = new ArrayList<>();
        if (!q.subjects().isEmpty()) {
            List<String> ors = new ArrayList<>();
            for (EvalSubjectKind kind : EvalSubjectKind.values()) {
                List<String> ids = q.subjects().stream().filter(s -> s.kind() == kind).map(EvalSubject::id).distinct()
                        .toList();
                if (!ids.isEmpty()) {
                    ors.add("(subject_kind = ? AND subject_id IN " + placeholders(ids.size()) + ")");
                    args.add(kind.wire());
                    args.addAll(ids);
                }
            }
            conds.add("(" + String.join(" OR ", ors) + ")");
        }
        if (!q.evalNames().isEmpty()) {
            conds.add("eval_name IN " + placeholders(q.evalNames().size()));
            args.addAll(q.evalNames());
        }
        if (q.metric() != null) {
            conds.add("metric = ?");
            args.add(q.metric());
        }
        return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
    }

    private static EvalResult map(ResultSet rs) throws SQLException {
        return new EvalResult(rs.getString(1), new EvalSubject(EvalSubjectKind.parse(rs.getString(2)), rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getDouble(6), nullableLong(rs, "episode"),
                nullableLong(rs, "seed"), nullableLong(rs, "step"), Instant.ofEpochMilli(rs.getLong(10)));
    }
}
