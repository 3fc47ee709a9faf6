package dev.observatory.core;

import dev.observatory.model.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the audit log with filters (actor, action prefix, entity, time), newest first, in pages. The store lists events
 * by id only, so a page scans at most {@link #MAX_SCAN} events and says where to go on ({@code nextBeforeId}) when the
 * scan stopped early.
 */
public final class AuditLog {
    public static final int MAX_PAGE = 500;
    public static final int MAX_SCAN = 50_000;
    private static final int CHUNK = 1_000;

    private final Tracking tracking;

    public AuditLog(Tracking tracking) {
        this.tracking = tracking;
    }

    /**
     * Filters of one page.
     *
     * @param actor
     *            exact API key name (or anonymous, cli, ...), null for all
     * @param action
     *            action or action prefix such as {@code deployment.} or {@code release.propose}, null for all
     * @param entity
     *            text the target contains, such as {@code deployment/3f9a} or a run id, null for all
     * @param since
     *            inclusive, null for no lower bound
     * @param until
     *            exclusive, null for no upper bound
     * @param beforeId
     *            only events with a smaller id (the previous page's next_before_id), null for the newest
     */
    public record Filter(String actor, String action, String entity, Instant since, Instant until, Long beforeId,
            int limit) {
    }

    /**
     * One page.
     *
     * @param nextBeforeId
     *            pass as beforeId for the next page; null when the log is exhausted
     * @param scanned
     *            events looked at for this page
     */
    public record Page(List<AuditEvent> events, Long nextBeforeId, int scanned) {
    }

    public Page read(Filter f) {
        if (f.limit() < 1 || f.limit() > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE);
        }
        if (f.since() != null && f.until() != null && !f.since().isBefore(f.until())) {
            throw new IllegalArgumentException("since must be before until");
        }
        List<AuditEvent> out = new ArrayList<>();
        long before = f.beforeId() == null ? Long.MAX_VALUE : f.beforeId();
        int scanned = 0;
        while (scanned < MAX_SCAN) {
            List<AuditEvent> chunk = tracking.store().audit().list(before, CHUNK);
            for (AuditEvent e : chunk) {
                scanned++;
                before = e.id();
                if (f.since() != null && e.at().isBefore(f.since())) {
                    return new Page(out, null, scanned);
                }
                if (matches(f, e)) {
                    out.add(e);
                    if (out.size() == f.limit()) {
                        return new Page(out, e.id(), scanned);
                    }
                }
            }
            if (chunk.size() < CHUNK) {
                return new Page(out, null, scanned);
            }
        }
        return new Page(out, before, scanned);
    }

    private static boolean matches(Filter f, AuditEvent e) {
        return (f.actor() == null || f.actor().equals(e.actor()))
                && (f.action() == null || e.action() != null && e.action().startsWith(f.action()))
                && (f.entity() == null || e.target() != null && e.target().contains(f.entity()))
                && (f.until() == null || e.at().isBefore(f.until()));
    }
}
