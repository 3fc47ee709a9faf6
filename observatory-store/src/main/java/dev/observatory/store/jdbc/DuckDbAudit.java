package dev.observatory.store.jdbc;

import dev.observatory.model.AuditEvent;
import dev.observatory.store.AuditStore;
import dev.observatory.store.internal.RunRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The audit log; increasing ids assigned on the writer thread. */
final class DuckDbAudit implements AuditStore {

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final Clock clock;
    /** The next id to assign; -1 until read from the table. Only touched on the writer thread. */
    private long nextId = -1;

    DuckDbAudit(DuckDbConnections db, DuckDbWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public AuditEvent record(AuditEvent e) {
        Instant at = RunRules.micros(e.at() == null ? clock.instant() : e.at());
        return writer.write(c -> {
            if (nextId < 0) {
                nextId = DuckDbSql.count(c, "SELECT coalesce(max(id), 0) + 1 FROM audit_events");
            }
            long id = nextId++; // a rolled-back write leaves a gap; ids still increase
            AuditEvent stored = new AuditEvent(id, at, e.actor(), e.surface(), e.action(), e.target(), e.detail());
            DuckDbSql.update(c,
                    "INSERT INTO audit_events (id, at_time, actor, surface, action, target, detail) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    id, at, e.actor(), e.surface(), e.action(), e.target(), e.detail());
            return stored;
        });
    }

    @Override
    public List<AuditEvent> list(long beforeId, int limit) {
        return db.read(c -> DuckDbSql.list(c,
                "SELECT id, at_time, actor, surface, action, target, detail "
                        + "FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT " + Math.max(0, limit),
                DuckDbAudit::map, beforeId));
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong("id"), DuckDbSql.instant(rs, "at_time"), rs.getString("actor"),
                rs.getString("surface"), rs.getString("action"), rs.getString("target"), rs.getString("detail"));
    }
}
