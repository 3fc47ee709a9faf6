package dev.observatory.model.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What an evaluation result is about: a run, a checkpoint (an artifact) or a model version. Lower-case on the wire. */
public enum EvalSubjectKind {
    RUN, CHECKPOINT, MODEL_VERSION;

    /** The wire name: {@code run}, {@code checkpoint}, {@code model_version}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EvalSubjectKind::wire).toList();
    }

    /** Parses a wire name case-insensitively; IllegalArgumentException naming the valid values. */
    public static EvalSubjectKind parse(String s) {
        if (s != null) {
            for (EvalSubjectKind k : values()) {
                if (k.name().equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown subject type '" + s + "': use one of " + String.join(", ", wireNames()));
    }
}
