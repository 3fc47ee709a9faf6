package dev.observatory.store.memory;

import dev.observatory.model.AuditEvent;
import dev.observatory.store.AuditStore;
import java.util.ArrayList;
import java.util.List;

/** The audit log as a list ordered by id; one lock. */
final class MemoryAudit implements AuditStore {

    private final InMemoryStorage.MemoryClock clock;
    private final List<AuditEvent> events = new ArrayList<>();

    MemoryAudit(InMemoryStorage.MemoryClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized AuditEvent record(AuditEvent e) {
        var at = e.at() == null ? clock.now() : InMemoryStorage.truncate(e.at());
        AuditEvent stored = new AuditEvent(events.size() + 1L, at, e.actor(), e.surface(), e.action(), e.target(),
                e.detail());
        events.add(stored);
        return stored;
    }

    @Override
    public synchronized List<AuditEvent> list(long beforeId, int limit) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (events.get(i).id() < beforeId) {
                out.add(events.get(i));
            }
        }
        return out;
    }
}
