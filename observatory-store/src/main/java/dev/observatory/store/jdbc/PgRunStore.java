package dev.observatory.store.jdbc;

import dev.observatory.model.Ids;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import dev.observatory.store.RunStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs in PostgreSQL: params as json (key order kept), tags as text[]. */
final class PgRunStore implements RunStore {

    private static final String COLUMNS = "r.id, r.project, r.name, r.status, r.user_name, r.tags, r.params, r.notes, "
            + "r.created_at, r.started_at, r.ended_at, r.heartbeat_at, r.git_commit, r.host";

    private final PgDb db;

    PgRunStore(PgDb db) {
        this.db = db;
    }

    @Override
    public Run create(NewRun n) {
        if (n.project() == null || n.project().isBlank()) {
            throw new IllegalArgumentException("a run needs a project");
        }
        String id = Ids.newId();
        Instant now = db.now();
        RunStatus status = n.status() == null ? RunStatus.RUNNING : n.status();
        Instant startedAt = n.startedAt() != null ? PgDb.micros(n.startedAt())
                : status == RunStatus.QUEUED ? null : now;
        Run run = new Run(id, n.project(), n.name() == null ? "run-" + id.substring(0, 8) : n.name(), status, n.user(),
                n.tags() == null ? List.of() : n.tags(), n.params() == null ? Map.of() : n.params(), n.notes(), now,
                startedAt, status.terminal() ? now : null, null, n.gitCommit(), n.host());
        String conflict = "a run named '" + run.name() + "' already exists in project '" + run.project() + "'";
        return db.tx("create run", conflict, c -> {
            if (PgProjectStore.find(c, run.project()).isEmpty()) {
                throw new NotFoundException("project '" + run.project() + "' not found");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, project, name, status, user_name, "
                    + "tags, params, notes, created_at, started_at, ended_at, heartbeat_at, git_commit, host) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, run.id());
                ps.setString(2, run.project());
                bindMutable(c, ps, 3, run);
                ps.setString(13, run.gitCommit());
                ps.setString(14, run.host());
                ps.executeUpdate();
            }
            return run;
        });
    }

    @Override
    public Optional<Run> get(String id) {
        return db.tx("get run", c -> find(c, id, false));
    }

    @Override
    public Run update(String id, RunPatch patch) {
        return db.tx("update run", "a run with that name already exists in the project", c -> {
            Run old = find(c, id, true).orElseThrow(() -> new NotFoundException("run '" + id + "' not found"));
            Run run = apply(old, patch, db.now());
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET name = ?, status = ?, user_name = ?, "
                    + "tags = ?, params = ?::json, notes = ?, created_at = ?, started_at = ?, ended_at = ?, "
                    + "heartbeat_at = ? WHERE id = ?")) {
                bindMutable(c, ps, 1, run);
                ps.setString(11, id);
                ps.executeUpdate();
            }
            return run;
        });
    }

    @Override
    public List<Run> list(RunQuery query) {
        PgSql sql = new PgSql().append("SELECT " + COLUMNS + " FROM runs r");
        PgRunQuery.appendSortJoin(sql, query);
        PgRunQuery.appendWhere(sql, query);
        PgRunQuery.appendOrderAndPage(sql, query);
        return db.tx("list runs", c -> select(c, sql));
    }

    @Override
    public long count(RunQuery query) {
        PgSql sql = new PgSql().append("SELECT COUNT(*) FROM runs r");
        PgRunQuery.appendWhere(sql, query);
        return db.tx("count runs", c -> {
            try (PreparedStatement ps = sql.prepare(c);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public List<Run> search(String text, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        String needle = text == null ? "" : text;
        PgSql sql = new PgSql().append("SELECT " + COLUMNS + " FROM runs r WHERE strpos(lower(r.name), lower(?)) > 0 "
                + "OR EXISTS (SELECT 1 FROM unnest(r.tags) t WHERE strpos(lower(t), lower(?)) > 0) "
                + "ORDER BY r.created_at DESC, r.id LIMIT ?", needle, needle, limit);
        return db.tx("search runs", c -> select(c, sql));
    }

    private static Run apply(Run old, RunPatch p, Instant now) {
        RunStatus status = p.status() == null ? old.status() : p.status();
        Instant startedAt = old.startedAt() == null && status == RunStatus.RUNNING ? now : old.startedAt();
        Instant endedAt = old.endedAt();
        if (p.endedAt() != null) {
            endedAt = PgDb.micros(p.endedAt());
        } else if (status.terminal() && (endedAt == null || !old.status().terminal())) {
            endedAt = now;
        }
        Map<String, Object> params = old.params();
        if (p.params() != null) {
            params = new LinkedHashMap<>(old.params());
            params.putAll(p.params());
        }
        return new Run(old.id(), old.project(), p.name() == null ? old.name() : p.name(), status, old.user(),
                p.tags() == null ? old.tags() : p.tags(), params, p.notes() == null ? old.notes() : p.notes(),
                old.createdAt(), startedAt, endedAt,
                p.heartbeatAt() == null ? old.heartbeatAt() : PgDb.micros(p.heartbeatAt()), old.gitCommit(),
                old.host());
    }

    /** Binds name, status, user, tags, params, notes, created/started/ended/heartbeat at from {@code first} on. */
    private static void bindMutable(Connection c, PreparedStatement ps, int first, Run run) throws SQLException {
        ps.setString(first, run.name());
        ps.setString(first + 1, run.status().wire());
        ps.setString(first + 2, run.user());
        ps.setArray(first + 3, c.createArrayOf("text", run.tags().toArray()));
        ps.setString(first + 4, PgJson.write(run.params()));
        ps.setString(first + 5, run.notes());
        PgDb.setInstant(ps, first + 6, run.createdAt());
        PgDb.setInstant(ps, first + 7, run.startedAt());
        PgDb.setInstant(ps, first + 8, run.endedAt());
        PgDb.setInstant(ps, first + 9, run.heartbeatAt());
    }

    static Optional<Run> find(Connection c, String id, boolean forUpdate) throws SQLException {
        PgSql sql = new PgSql()
                .append("SELECT " + COLUMNS + " FROM runs r WHERE r.id = ?" + (forUpdate ? " FOR UPDATE" : ""), id);
        List<Run> runs = select(c, sql);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    private static List<Run> select(Connection c, PgSql sql) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (PreparedStatement ps = sql.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static Run map(ResultSet rs) throws SQLException {
        String[] tags = (String[]) rs.getArray("tags").getArray();
        return new Run(rs.getString("id"), rs.getString("project"), rs.getString("name"),
                RunStatus.parse(rs.getString("status")), rs.getString("user_name"), List.of(tags),
                PgJson.readObject(rs.getString("params")), rs.getString("notes"), PgDb.getInstant(rs, "created_at"),
                PgDb.getInstant(rs, "started_at"), PgDb.getInstant(rs, "ended_at"), PgDb.getInstant(rs, "heartbeat_at"),
                rs.getString("git_commit"), rs.getString("host"));
    }
}
