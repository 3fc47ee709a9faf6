package dev.observatory.core.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a scorecard cell combines the results of one policy and evaluation over episodes and seeds. */
public enum Aggregation {
    /** Arithmetic mean. */
    MEAN,
    /** Largest value. */
    MAX,
    /** Smallest value. */
    MIN,
    /** The most recently recorded value. */
    LAST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Aggregation::wire).toList();
    }

    /** Parses a wire name case-insensitively; null means MEAN. */
    public static Aggregation parse(String s) {
        if (s == null) {
            return MEAN;
        }
        for (Aggregation a : values()) {
            if (a.name().equalsIgnoreCase(s.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown aggregation '" + s + "': use one of " + String.join(", ", wireNames()));
    }
}
