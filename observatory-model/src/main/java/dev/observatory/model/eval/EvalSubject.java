package dev.observatory.model.eval;

import java.util.Objects;

/**
 * A subject of evaluation results: its kind and id. Written {@code kind:id} on the wire (e.g.
 * {@code checkpoint:3f2a9c1d5e7b4a60}).
 */
public record EvalSubject(EvalSubjectKind kind, String id) implements Comparable<EvalSubject> {

    public EvalSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** {@code kind:id}. */
    public String ref() {
        return kind.wire() + ":" + id;
    }

    /** Parses {@code kind:id}; IllegalArgumentException saying the expected form. */
    public static EvalSubject parse(String ref) {
        int colon = ref == null ? -1 : ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) {
            throw new IllegalArgumentException("a policy or subject reference is 'kind:id' with kind one of "
                    + String.join(", ", EvalSubjectKind.wireNames()) + ", e.g. 'checkpoint:3f2a9c1d5e7b4a60', got '"
                    + (ref == null ? "null" : ref.length() > 80 ? ref.substring(0, 80) + "..." : ref) + "'");
        }
        return new EvalSubject(EvalSubjectKind.parse(ref.substring(0, colon)), ref.substring(colon + 1));
    }

    @Override
    public int compareTo(EvalSubject o) {
        int c = kind.wire().compareTo(o.kind.wire());
        return c != 0 ? c : id.compareTo(o.id);
    }
}
