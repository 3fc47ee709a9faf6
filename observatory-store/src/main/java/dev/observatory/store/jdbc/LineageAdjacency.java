package dev.observatory.store.jdbc;

import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lineage edges of a DuckDB file held in memory as adjacency lists (node key to the edges that start or end there),
 * so that one level of a traversal is a few hash lookups instead of a scan of the edge table's text columns (DuckDB
 * answers an IN list of node keys with a scan or one index probe per key: 100-200 ms per level on 100,000 edges under
 * load, see docs/decisions/0023). The DuckDB file belongs to one process and every write of {@code lineage_edges} goes
 * through {@link JdbcLineage}, which loads this copy and changes it on the single writer thread, so it follows the
 * table in commit order. Thread-safe: reads share a lock, changes take it alone.
 */
final class LineageAdjacency {
    /** Edges ordered as the store returns them: creation time, then the ends' keys and the relation. */
    static final Comparator<LineageEdge> ORDER = Comparator.comparing(LineageEdge::created)
            .thenComparing(e -> e.from().key()).thenComparing(LineageEdge::relation).thenComparing(e -> e.to().key());

    private final Map<String, List<LineageEdge>> byNode = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int edges;

    /** Adds the edge unless an edge with the same from, relation and to is held. */
    void add(LineageEdge e) {
        lock.writeLock().lock();
        try {
            if (find(e.from(), e.relation(), e.to()) != null) {
                return;
            }
            byNode.computeIfAbsent(e.from().key(), k -> new ArrayList<>(2)).add(e);
            if (!e.to().equals(e.from())) {
                byNode.computeIfAbsent(e.to().key(), k -> new ArrayList<>(2)).add(e);
            }
            edges++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the edge (from, relation, to) if held. */
    void remove(EntityRef from, String relation, EntityRef to) {
        lock.writeLock().lock();
        try {
            LineageEdge e = find(from, relation, to);
            if (e != null) {
                detach(from.key(), e);
                if (!to.equals(from)) {
                    detach(to.key(), e);
                }
                edges--;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes every edge that starts or ends at the node. */
    void removeAll(EntityRef node) {
        lock.writeLock().lock();
        try {
            List<LineageEdge> touching = byNode.remove(node.key());
            if (touching != null) {
                for (LineageEdge e : touching) {
                    String other = e.from().equals(node) ? e.to().key() : e.from().key();
                    detach(other, e);
                    edges--;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The edges that start or end at any of the nodes, each once, in {@link #ORDER}, at most {@code limit}. */
    List<LineageEdge> edgesOf(Collection<String> nodeKeys, int limit) {
        Set<LineageEdge> found = new LinkedHashSet<>();
        lock.readLock().lock();
        try {
            for (String key : nodeKeys) {
                List<LineageEdge> touching = byNode.get(key);
                if (touching != null) {
                    found.addAll(touching);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return found.stream().sorted(ORDER).limit(limit).toList();
    }

    int size() {
        lock.readLock().lock();
        try {
            return edges;
        } finally {
            lock.readLock().unlock();
        }
    }

    private LineageEdge find(EntityRef from, String relation, EntityRef to) {
        List<LineageEdge> touching = byNode.get(from.key());
        if (touching != null) {
            for (LineageEdge e : touching) {
                if (e.from().equals(from) && e.to().equals(to) && e.relation().equals(relation)) {
                    return e;
                }
            }
        }
        return null;
    }

    private void detach(String nodeKey, LineageEdge e) {
        List<LineageEdge> list = byNode.get(nodeKey);
        if (list != null) {
            list.remove(e);
            if (list.isEmpty()) {
                byNode.remove(nodeKey);
            }
        }
    }
}
