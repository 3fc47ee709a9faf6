package dev.observatory.store.internal;

import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactQuery;
import java.util.Comparator;

/** The order of artifact lists, shared by the in-memory store and the SQL of the JDBC stores. */
public final class ArtifactOrder {
    private ArtifactOrder() {
    }

    /** Whether the artifact passes every filter of the query. */
    public static boolean matches(ArtifactQuery q, Artifact a) {
        return (q.runId() == null || q.runId().equals(a.runId()))
                && (q.project() == null || q.project().equals(a.project()))
                && (q.kind() == null || q.kind() == a.kind())
                && (q.pathPrefix() == null || a.path().startsWith(q.pathPrefix()))
                && (q.minStep() == null || a.step() != null && a.step() >= q.minStep())
                && (q.maxStep() == null || a.step() != null && a.step() <= q.maxStep());
    }

    /** The query's sort key (nulls last), then run id and path, both by code point. */
    public static Comparator<Artifact> comparator(ArtifactQuery q) {
        Comparator<Artifact> key = switch (q.sort()) {
            case PATH -> Comparator.comparing(Artifact::path);
            case STEP -> Comparator.comparing(Artifact::step, Comparator.nullsLast(Comparator.naturalOrder()));
            case CREATED -> Comparator.comparing(Artifact::created);
            case SIZE -> Comparator.comparingLong(Artifact::size);
        };
        if (q.descending()) {
            key = key.reversed();
            if (q.sort() == ArtifactQuery.Sort.STEP) {
                // keep artifacts without a step last in both directions
                key = Comparator.comparing((Artifact a) -> a.step() == null).thenComparing(key);
            }
        }
        return key.thenComparing(Artifact::runId).thenComparing(Artifact::path);
    }
}
