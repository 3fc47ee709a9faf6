package dev.observatory.model.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Lifecycle of a build: RUNNING (its command was started) -> SUCCEEDED (exit 0), FAILED (non-zero exit or the command
 * could not start), CANCELLED (stopped before it ended) or LOST (recorded as running when the server started again).
 */
public enum BuildStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED, LOST;

    /** Whether the build has ended. */
    public boolean ended() {
        return this != RUNNING;
    }

    /** Lower-case wire name, e.g. {@code "succeeded"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; IllegalArgumentException naming the valid values. */
    public static BuildStatus parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown build status '" + s + "': use one of "
                    + Arrays.stream(values()).map(BuildStatus::wire).collect(Collectors.joining(", ")));
        }
    }
}
