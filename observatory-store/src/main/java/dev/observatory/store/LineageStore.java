package dev.observatory.store;

import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import java.util.Collection;
import java.util.List;

/**
 * The lineage graph: directed edges between entities (runs, jobs, artifacts, data sets, model versions, deployments,
 * traces). The store does not check that the ends exist (the core does where it can). Indexed on both ends, so reading
 * the edges of a set of nodes is one indexed lookup per direction; a traversal to depth N is N such reads.
 */
public interface LineageStore {

    /**
     * Adds an edge; returns false (and changes nothing) when an edge with the same from, relation and to exists. Times
     * are kept at millisecond precision.
     */
    boolean link(LineageEdge edge);

    /** Removes the edge (from, relation, to); true when it existed. */
    boolean unlink(EntityRef from, String relation, EntityRef to);

    /**
     * The edges that start or end at any of the nodes, at most {@code limit} (1-100,000), ordered by creation time then
     * the ends' keys. An edge between two of the nodes is returned once.
     */
    List<LineageEdge> edgesOf(Collection<EntityRef> nodes, int limit);

    /** Removes every edge that starts or ends at the node; returns how many. */
    int unlinkAll(EntityRef node);
}
