package dev.observatory.core.trace;

import dev.observatory.core.InvalidCursorException;
import dev.observatory.model.trace.TraceQuery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset cursors of trace lists: base64url of {@code t1:<order key>:<trace id>:<query fingerprint>}. Stable while spans
 * arrive (no offsets), valid only for the query that issued it.
 */
final class TraceCursor {

    private TraceCursor() {
    }

    static String encode(TraceQuery.After after, String fingerprint) {
        String raw = "t1:" + after.key() + ":" + after.traceId() + ":" + Integer.toHexString(fingerprint.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position, or null for a null/empty cursor; InvalidCursorException for anything else not issued here. */
    static TraceQuery.After decode(String cursor, String fingerprint) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("not a cursor this server issued");
        }
        if (parts.length != 4 || !parts[0].equals("t1") || !parts[2].matches("[0-9a-f]{32}")) {
            throw new InvalidCursorException("not a trace cursor this server issued");
        }
        if (!parts[3].equals(Integer.toHexString(fingerprint.hashCode()))) {
            throw new InvalidCursorException("it belongs to a different query");
        }
        try {
            return new TraceQuery.After(Long.parseLong(parts[1]), parts[2]);
        } catch (NumberFormatException e) {
            throw new InvalidCursorException("not a trace cursor this server issued");
        }
    }
}
