package dev.observatory.model.artifact;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What an artifact is; lower-case names on the wire. */
public enum ArtifactKind {
    CHECKPOINT, REPLAY, MODEL, DATASET, REPORT, OTHER;

    /** The wire name: {@code checkpoint}, {@code replay}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ArtifactKind::wire).toList();
    }

    /** Parses a wire name case-insensitively; IllegalArgumentException naming the valid values. */
    public static ArtifactKind parse(String s) {
        if (s != null) {
            for (ArtifactKind k : values()) {
                if (k.name().equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown artifact kind '" + s + "': use one of " + String.join(", ", wireNames()));
    }
}
