package dev.observatory.model.artifact;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Kinds of lineage graph nodes; checkpoints are artifacts of kind checkpoint. Lower-case names on the wire. */
public enum EntityKind {
    RUN, JOB, ARTIFACT, DATASET, MODEL_VERSION, DEPLOYMENT, TRACE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EntityKind::wire).toList();
    }

    /** Parses a wire name case-insensitively; IllegalArgumentException naming the valid values. */
    public static EntityKind parse(String s) {
        if (s != null) {
            for (EntityKind k : values()) {
                if (k.name().equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown entity kind '" + s + "': use one of " + String.join(", ", wireNames()));
    }
}
