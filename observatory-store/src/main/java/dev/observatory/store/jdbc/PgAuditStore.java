package dev.observatory.store.jdbc;

import dev.observatory.model.AuditEvent;
import dev.observatory.store.AuditStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only audit log in PostgreSQL. */
final class PgAuditStore implements AuditStore {

    private final PgDb db;

    PgAuditStore(PgDb db) {
        this.db = db;
    }

    @Override
    public AuditEvent record(AuditEvent e) {
        Instant at = e.at() == null ? db.now() : PgDb.micros(e.at());
        return db.tx("record audit event", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (at, actor, surface, action, "
                    + "target, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING id, at")) {
                PgDb.setInstant(ps, 1, at);
                ps.setString(2, e.actor());
                ps.setString(3, e.surface());
                ps.setString(4, e.action());
                ps.setString(5, e.target());
                ps.setString(6, e.detail());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new AuditEvent(rs.getLong(1), PgDb.getInstant(rs, "at"), e.actor(), e.surface(), e.action(),
                            e.target(), e.detail());
                }
            }
        });
    }

    @Override
    public List<AuditEvent> list(long beforeId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return db.tx("list audit events", c -> {
            List<AuditEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, surface, action, target, detail "
                    + "FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, beforeId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEvent(rs.getLong(1), PgDb.getInstant(rs, "at"), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }
}
