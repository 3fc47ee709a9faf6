package dev.observatory.model;

import java.util.Locale;

/** Lifecycle of a run. QUEUED -> RUNNING -> one of the terminal states. */
public enum RunStatus {
    QUEUED, RUNNING, FINISHED, FAILED, KILLED, CRASHED;

    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }

    /** Lower-case wire name, e.g. {@code "running"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; throws IllegalArgumentException naming the valid values. */
    public static RunStatus parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "unknown run status '" + s + "': use one of queued, running, finished, failed, killed, crashed");
        }
    }
}
