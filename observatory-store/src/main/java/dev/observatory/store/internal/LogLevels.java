package dev.observatory.store.internal;

import java.util.Locale;

/**
 * Ranks of log levels for the minimum-level filter of {@code LogQuery}: DEBUG 10 < INFO 20 < WARN 30 < ERROR 40. A line
 * without a level, or with a level not in this list, counts as INFO. Public only so that every backend ranks alike.
 */
public final class LogLevels {

    public static final int DEBUG = 10;
    public static final int INFO = 20;
    public static final int WARN = 30;
    public static final int ERROR = 40;

    private LogLevels() {
    }

    /** The rank of a line's level (null and unknown levels: INFO). */
    public static int ofLine(String level) {
        if (level == null) {
            return INFO;
        }
        return switch (level.toUpperCase(Locale.ROOT)) {
            case "DEBUG" -> DEBUG;
            case "WARN" -> WARN;
            case "ERROR" -> ERROR;
            default -> INFO;
        };
    }

    /** The rank of a requested minimum level; IllegalArgumentException for anything but the four levels. */
    public static int ofFilter(String level) {
        return switch (level.trim().toUpperCase(Locale.ROOT)) {
            case "DEBUG" -> DEBUG;
            case "INFO" -> INFO;
            case "WARN" -> WARN;
            case "ERROR" -> ERROR;
            default -> throw new IllegalArgumentException(
                    "unknown log level '" + level + "': use one of ERROR, WARN, INFO, DEBUG");
        };
    }
}
