package dev.observatory.core.artifact;

import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import java.util.List;

/**
 * An entity and its neighbours to some depth: the nodes reached (root first, then by depth) and the edges between them.
 *
 * @param truncated
 *            true when the node or edge limit cut the traversal short
 */
public record LineageGraph(EntityRef root, int depth, List<Node> nodes, List<LineageEdge> edges, boolean truncated) {

    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** A node and its distance (in edges, either direction) from the root. */
    public record Node(EntityRef ref, int depth) {
    }
}
