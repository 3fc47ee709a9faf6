package dev.observatory.model.registry;

import java.util.Locale;

/** Registration status of a model version, as in MLflow. Versions created by Observatory are READY unless told. */
public enum VersionStatus {
    PENDING_REGISTRATION, FAILED_REGISTRATION, READY;

    /** Parses a status name case-insensitively; throws IllegalArgumentException naming the valid values. */
    public static VersionStatus parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown model version status '" + s
                    + "': use one of READY, PENDING_REGISTRATION, FAILED_REGISTRATION");
        }
    }
}
