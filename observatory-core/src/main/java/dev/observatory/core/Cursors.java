package dev.observatory.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors: base64url of {@code v1:<offset>:<query fingerprint>:<issued epoch seconds>}. A cursor is
 * valid only for the query that produced it (same fingerprint) and for {@link #TTL_SECONDS}.
 */
public final class Cursors {
    static final long TTL_SECONDS = 24 * 3600;

    private Cursors() {
    }

    public static String encode(long offset, String fingerprint, long nowEpochSeconds) {
        String raw = "v1:" + offset + ":" + Integer.toHexString(fingerprint.hashCode()) + ":" + nowEpochSeconds;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the offset; 0 for a null/empty cursor; InvalidCursorException otherwise. */
    public static long decode(String cursor, String fingerprint, long nowEpochSeconds) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("not a cursor this server issued");
        }
        if (parts.length != 4 || !parts[0].equals("v1")) {
            throw new InvalidCursorException("not a cursor this server issued");
        }
        if (!parts[2].equals(Integer.toHexString(fingerprint.hashCode()))) {
            throw new InvalidCursorException("it belongs to a different query");
        }
        try {
            long issued = Long.parseLong(parts[3]);
            if (nowEpochSeconds - issued > TTL_SECONDS) {
                throw new InvalidCursorException("expired");
            }
            long offset = Long.parseLong(parts[1]);
            if (offset < 0) {
                throw new InvalidCursorException("negative offset");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new InvalidCursorException("not a cursor this server issued");
        }
    }
}
