package dev.observatory.model.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Lifecycle of a job: PENDING (waiting for a free slot) -> RUNNING -> one of the terminal states. LOST: the job was
 * recorded as running but its process was gone when the server started again (or it ended while re-attached, so its
 * exit code is unknown).
 */
public enum JobStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, STOPPED, GUARDRAIL_STOPPED, LOST;

    public boolean terminal() {
        return this != PENDING && this != RUNNING;
    }

    /** Lower-case wire name, e.g. {@code "guardrail_stopped"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; IllegalArgumentException naming the valid values. */
    public static JobStatus parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown job status '" + s + "': use one of " + String.join(", ",
                    Arrays.stream(values()).map(JobStatus::wire).collect(Collectors.joining(", "))));
        }
    }
}
