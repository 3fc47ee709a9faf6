package dev.observatory.core.alert;

import java.time.Instant;

/** A change of an alert sent to sinks: it fired, or it resolved. */
public record Notification(AlertState alert, String state, Instant at) {

    /** Key for deduplication: the alert and what changed. */
    String dedupKey() {
        return alert.fingerprint() + "|" + state;
    }
}
