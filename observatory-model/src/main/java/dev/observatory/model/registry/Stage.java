package dev.observatory.model.registry;

import java.util.List;
import java.util.Locale;

/**
 * The MLflow-style lifecycle stage of a model version. Aliases ({@code champion}, {@code staging}, ...) are the newer
 * way to mark versions; stages are kept for MLflow compatibility. At most one stage per version.
 */
public enum Stage {
    NONE("None"), STAGING("Staging"), PRODUCTION("Production"), ARCHIVED("Archived");

    private final String wire;

    Stage(String wire) {
        this.wire = wire;
    }

    /** The MLflow spelling: {@code None}, {@code Staging}, {@code Production}, {@code Archived}. */
    public String wire() {
        return wire;
    }

    /** Every stage in MLflow order. */
    public static List<Stage> all() {
        return List.of(values());
    }

    /**
     * Parses a stage name case-insensitively ({@code "production"}, {@code "Production"}, {@code "PRODUCTION"}); throws
     * IllegalArgumentException naming the valid values.
     */
    public static Stage parse(String s) {
        if (s != null) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            for (Stage st : values()) {
                if (st.wire.toLowerCase(Locale.ROOT).equals(t)) {
                    return st;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown stage '" + s + "': use one of None, Staging, Production, Archived (any letter case)");
    }
}
