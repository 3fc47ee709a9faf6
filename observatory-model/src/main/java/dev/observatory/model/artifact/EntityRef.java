package dev.observatory.model.artifact;

import java.util.Objects;

/** A node of the lineage graph: a kind and an id, written {@code kind/id} (e.g. {@code run/3f9a1c2b7d4e5f60}). */
public record EntityRef(EntityKind kind, String id) {

    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static EntityRef of(EntityKind kind, String id) {
        return new EntityRef(kind, id);
    }

    /** {@code kind/id}; the inverse of {@link #parse}. */
    public String key() {
        return kind.wire() + "/" + id;
    }

    /** Parses {@code kind/id} (the id may itself contain '/'); IllegalArgumentException otherwise. */
    public static EntityRef parse(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 1 || slash == key.length() - 1) {
            throw new IllegalArgumentException(
                    "an entity is written kind/id, e.g. run/3f9a1c2b7d4e5f60, got '" + key + "'");
        }
        return new EntityRef(EntityKind.parse(key.substring(0, slash)), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return key();
    }
}
