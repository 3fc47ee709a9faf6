package dev.observatory.store;

import dev.observatory.model.AuditEvent;
import java.util.List;

/** Append-only audit log. */
public interface AuditStore {

    /** Records an event; the id and time of the given record are ignored (id assigned, time taken as given if set). */
    AuditEvent record(AuditEvent event);

    /** Newest first; events with id < beforeId (Long.MAX_VALUE for the newest), at most limit. */
    List<AuditEvent> list(long beforeId, int limit);
}
