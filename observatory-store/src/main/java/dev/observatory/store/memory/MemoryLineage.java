package dev.observatory.store.memory;

import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.store.LineageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The lineage graph as adjacency sets per node under one lock. */
final class MemoryLineage implements LineageStore {

    /** Creation time, then from key, relation and to key. */
    static final Comparator<LineageEdge> ORDER = Comparator.comparing(LineageEdge::created)
            .thenComparing(e -> e.from().key()).thenComparing(LineageEdge::relation).thenComparing(e -> e.to().key());

    private record Key(EntityRef from, String relation, EntityRef to) {
    }

    private final Map<Key, LineageEdge> edges = new HashMap<>();
    private final Map<EntityRef, Set<Key>> adjacency = new HashMap<>();

    @Override
    public synchronized boolean link(LineageEdge e) {
        Key k = new Key(e.from(), e.relation(), e.to());
        if (edges.containsKey(k)) {
            return false;
        }
        Instant created = Instant.ofEpochMilli(e.created().toEpochMilli());
        edges.put(k, new LineageEdge(e.from(), e.to(), e.relation(), created, e.source()));
        adjacency.computeIfAbsent(e.from(), x -> new LinkedHashSet<>()).add(k);
        adjacency.computeIfAbsent(e.to(), x -> new LinkedHashSet<>()).add(k);
        return true;
    }

    @Override
    public synchronized boolean unlink(EntityRef from, String relation, EntityRef to) {
        Key k = new Key(from, relation, to);
        if (edges.remove(k) == null) {
            return false;
        }
        forget(k);
        return true;
    }

    private void forget(Key k) {
        for (EntityRef end : List.of(k.from(), k.to())) {
            Set<Key> s = adjacency.get(end);
            if (s != null) {
                s.remove(k);
                if (s.isEmpty()) {
                    adjacency.remove(end);
                }
            }
        }
    }

    @Override
    public synchronized List<LineageEdge> edgesOf(Collection<EntityRef> nodes, int limit) {
        Set<Key> keys = new LinkedHashSet<>();
        for (EntityRef n : nodes) {
            keys.addAll(adjacency.getOrDefault(n, Set.of()));
        }
        List<LineageEdge> out = new ArrayList<>(keys.size());
        keys.forEach(k -> out.add(edges.get(k)));
        out.sort(ORDER);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    @Override
    public synchronized int unlinkAll(EntityRef node) {
        List<Key> keys = new ArrayList<>(adjacency.getOrDefault(node, Set.of()));
        keys.forEach(k -> {
            edges.remove(k);
            forget(k);
        });
        return keys.size();
    }
}
