package dev.observatory.store;

import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.model.artifact.NewArtifact;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index of artifacts: one record per (run, path), pointing at bytes in the blob store. Input is validated by the
 * caller (core); the store checks that the run exists (NotFoundException) and keeps (run, path) unique by replacing.
 * Times are kept at millisecond precision. Listing a run's checkpoints by step is served from an index on (run, kind,
 * step).
 */
public interface ArtifactStore {

    /**
     * Records an artifact. When the run already has one at this path, that record is replaced in place (same id, new
     * size, hash, kind, step, metadata, blob key and creation time). NotFoundException for an unknown run.
     */
    Artifact put(NewArtifact artifact);

    Optional<Artifact> get(String id);

    /**
     * The artifacts with the given ids, found ones only: id -> artifact, in the order of the ids (an id given twice is
     * looked up once). For callers naming many artifacts at once (a scorecard's rows): an implementation may answer in
     * one statement; the default looks them up one by one.
     */
    default Map<String, Artifact> get(Collection<String> ids) {
        Map<String, Artifact> out = new LinkedHashMap<>();
        for (String id : ids) {
            if (!out.containsKey(id)) {
                get(id).ifPresent(a -> out.put(id, a));
            }
        }
        return out;
    }

    /** The artifact of a run at a path. */
    Optional<Artifact> find(String runId, String path);

    /** A page of artifacts matching the query, in its order. */
    List<Artifact> list(ArtifactQuery query);

    /** Artifacts matching the query's filters (ignores sort, limit and offset). */
    long count(ArtifactQuery query);

    /**
     * Count, bytes and step/epoch/time ranges of the artifacts matching the query's filters, grouped as asked (one row
     * with a null group for NONE; rows ordered by group). Ignores sort, limit and offset.
     */
    List<ArtifactUsage> usage(ArtifactQuery query, ArtifactUsage.GroupBy groupBy);

    /** Deletes the record (not the blob); true when it existed. */
    boolean delete(String id);
}
