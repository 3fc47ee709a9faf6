package dev.observatory.model.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Lifecycle of a deployment: PENDING (recorded) -> STARTING (process launched, health not yet answered) -> HEALTHY or
 * UNHEALTHY (the health URL did not answer 2xx in time; the process keeps running) -> STOPPED (asked to stop), FAILED
 * (the process could not start or exited on its own) or LOST (recorded as running, but its process was gone when the
 * server started again).
 */
public enum DeploymentStatus {
    PENDING, STARTING, HEALTHY, UNHEALTHY, STOPPED, FAILED, LOST;

    /** Whether a process may be running (starting, healthy, unhealthy). */
    public boolean active() {
        return this == STARTING || this == HEALTHY || this == UNHEALTHY;
    }

    /** Lower-case wire name, e.g. {@code "healthy"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; IllegalArgumentException naming the valid values. */
    public static DeploymentStatus parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown deployment status '" + s + "': use one of "
                    + Arrays.stream(values()).map(DeploymentStatus::wire).collect(Collectors.joining(", ")));
        }
    }
}
