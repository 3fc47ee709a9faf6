package dev.observatory.core.artifact;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.store.LineageStore;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lineage service: one graph linking runs, jobs, artifacts (checkpoints included), data sets, model versions,
 * deployments and traces. Edges are recorded at ingest (an artifact logged by a run, a model version derived from a
 * checkpoint) or added explicitly with {@link #link}. {@link #graph} reads an entity and its neighbours to a depth with
 * one store read per level.
 * <p>
 * Existence: runs, artifacts and model versions must exist to be linked or asked about (NotFoundException). Jobs, data
 * sets, deployments and traces have no store of their own yet, so any id of those kinds is accepted.
 */
public final class Lineage {
    public static final int MAX_DEPTH = 5;
    public static final int MAX_NODES = 2000;
    private static final Pattern RELATION = Pattern.compile("[a-z][a-z0-9_]{1,49}");

    private final Tracking tracking;
    private final LineageStore store;

    public Lineage(Tracking tracking) {
        this.tracking = tracking;
        this.store = tracking.store().lineage();
    }

    /** Adds the edge {@code from relation to}; false when it already existed. */
    public boolean link(Actor actor, EntityRef from, String relation, EntityRef to) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("lineage.link");
        }
        checkRelation(relation);
        check(from);
        check(to);
        if (from.equals(to)) {
            throw new IllegalArgumentException("an entity cannot be linked to itself: " + from.key());
        }
        requireExists(from);
        requireExists(to);
        boolean added = store
                .link(new LineageEdge(from, to, relation, tracking.clock().instant(), LineageEdge.Source.EXPLICIT));
        if (added) {
            tracking.auditor().record(actor, "lineage.link", from.key(), relation + " " + to.key());
        }
        return added;
    }

    /** Removes the edge; false when there was none. */
    public boolean unlink(Actor actor, EntityRef from, String relation, EntityRef to) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("lineage.unlink");
        }
        checkRelation(relation);
        boolean removed = store.unlink(from, relation, to);
        if (removed) {
            tracking.auditor().record(actor, "lineage.unlink", from.key(), relation + " " + to.key());
        }
        return removed;
    }

    /**
     * The entity and its neighbours up to {@code depth} edges away in either direction, at most {@code limit} nodes
     * (root included). NotFoundException for an unknown run, artifact or model version.
     */
    public LineageGraph graph(EntityRef root, int depth, int limit) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH + ", got " + depth);
        }
        if (limit < 1 || limit > MAX_NODES) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_NODES + ", got " + limit);
        }
        check(root);
        requireExists(root);
        Map<EntityRef, Integer> seen = new LinkedHashMap<>();
        seen.put(root, 0);
        List<LineageEdge> edges = new ArrayList<>();
        Set<String> edgeKeys = new HashSet<>();
        List<EntityRef> frontier = List.of(root);
        boolean truncated = false;
        for (int d = 1; d <= depth && !frontier.isEmpty() && !truncated; d++) {
            int edgeLimit = 4 * limit + 1;
            List<LineageEdge> level = store.edgesOf(frontier, edgeLimit);
            truncated = level.size() == edgeLimit;
            List<EntityRef> next = new ArrayList<>();
            for (LineageEdge e : level) {
                for (EntityRef end : List.of(e.from(), e.to())) {
                    if (!seen.containsKey(end)) {
                        if (seen.size() >= limit) {
                            truncated = true;
                            continue;
                        }
                        seen.put(end, d);
                        next.add(end);
                    }
                }
                if (seen.containsKey(e.from()) && seen.containsKey(e.to())
                        && edgeKeys.add(e.from().key() + ' ' + e.relation() + ' ' + e.to().key())) {
                    edges.add(e);
                }
            }
            frontier = next;
        }
        List<LineageGraph.Node> nodes = new ArrayList<>();
        seen.forEach((ref, d) -> nodes.add(new LineageGraph.Node(ref, d)));
        return new LineageGraph(root, depth, nodes, edges, truncated);
    }

    /** Whether the entity exists, for kinds with a store; true for kinds without one (jobs, data sets, ...). */
    public boolean exists(EntityRef ref) {
        return switch (ref.kind()) {
            case RUN -> tracking.store().runs().get(ref.id()).isPresent();
            case ARTIFACT -> tracking.store().artifacts().get(ref.id()).isPresent();
            case MODEL_VERSION -> tracking.store().registry().getVersionById(ref.id()).isPresent();
            default -> true;
        };
    }

    private void requireExists(EntityRef ref) {
        if (!exists(ref)) {
            String hint = switch (ref.kind()) {
                case RUN -> "list_runs or search shows run ids";
                case ARTIFACT -> "list_artifacts or list_checkpoints shows artifact ids";
                default -> "list_versions shows version ids";
            };
            throw new NotFoundException(
                    "no " + ref.kind().wire().replace('_', ' ') + " with id '" + ref.id() + "': " + hint);
        }
    }

    private static void check(EntityRef ref) {
        String id = ref.id();
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("an entity id must be 1-200 characters, got " + id.length());
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("entity id of " + ref.kind().wire() + " contains a control character");
        }
    }

    private static void checkRelation(String relation) {
        if (relation == null || !RELATION.matcher(relation).matches()) {
            throw new IllegalArgumentException("relation must be 2-50 characters of snake_case such as produced,"
                    + " derived_from or deployed_as, got '" + relation + "'");
        }
    }
}
