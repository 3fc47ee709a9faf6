package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.placeholders;
import static dev.observatory.store.jdbc.JdbcRows.query;
import static dev.observatory.store.jdbc.JdbcRows.update;

import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.store.LineageStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lineage graph over JDBC (table {@code lineage_edges}, indexed on each end). On PostgreSQL the edges of a set of
 * nodes are one query with an IN list per direction. On DuckDB they come from an in-memory copy of the edges
 * ({@link LineageAdjacency}, loaded on the first read, changed by every write on the writer thread) while the table
 * holds at most {@link #MAX_CACHED_EDGES}; above that, from the same query as PostgreSQL.
 */
final class JdbcLineage implements LineageStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLineage.class);
    private static final String COLUMNS = "from_ref, relation, to_ref, created_ms, source";
    /** Most nodes per query (two IN lists of this size stay under PostgreSQL's parameter limit). */
    private static final int NODES_PER_QUERY = 5_000;

    /** Most edges a DuckDB store keeps in memory (about 200 bytes each). */
    static final int MAX_CACHED_EDGES = 1_000_000;

    private final JdbcTx tx;
    /** DuckDB only: the in-memory edges, null until the first read (or when the table is too large to hold). */
    private volatile LineageAdjacency adjacency;
    private volatile boolean tooLargeToCache;

    JdbcLineage(JdbcTx tx) {
        this.tx = tx;
    }

    /**
     * Runs a write and then applies {@code change} to the in-memory edges, both on the writer thread so the copy
     * changes in commit order; a failed write drops the copy (the next read loads it again).
     */
    private <T> T write(JdbcTx.Work<T> work, BiConsumer<LineageAdjacency, T> change) {
        try {
            return tx.write(c -> {
                T result = work.run(c);
                LineageAdjacency a = adjacency;
                if (a != null) {
                    change.accept(a, result);
                }
                return result;
            });
        } catch (RuntimeException e) {
            adjacency = null;
            throw e;
        }
    }

    /** The in-memory edges of a DuckDB store, loaded on the writer thread (so no write interleaves); null if none. */
    private LineageAdjacency adjacency() {
        LineageAdjacency a = adjacency;
        if (a != null || tx.postgres() || tooLargeToCache) {
            return a;
        }
        try {
            return load();
        } catch (RuntimeException e) {
            LOG.warn("lineage: cannot load the edges into memory, reading them with SQL: {}", e.toString());
            return null;
        }
    }

    private LineageAdjacency load() {
        return tx.write(c -> {
            if (adjacency != null) {
                return adjacency;
            }
            long n = query(c, "SELECT count(*) FROM lineage_edges", List.of(), rs -> rs.getLong(1)).get(0);
            if (n > MAX_CACHED_EDGES) {
                tooLargeToCache = true;
                return null;
            }
            LineageAdjacency loaded = new LineageAdjacency();
            query(c, "SELECT " + COLUMNS + " FROM lineage_edges", List.of(), JdbcLineage::map).forEach(loaded::add);
            adjacency = loaded;
            return loaded;
        });
    }

    @Override
    public boolean link(LineageEdge e) {
        return write(c -> {
            String insert = "INSERT INTO lineage_edges (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
            Object[] args = { e.from().key(), e.relation(), e.to().key(), e.created().toEpochMilli(),
                    e.source().wire() };
            if (tx.postgres()) {
                return update(c, insert + " ON CONFLICT DO NOTHING", args) > 0;
            }
            boolean exists = !query(c, "SELECT 1 FROM lineage_edges WHERE from_ref = ? AND relation = ? AND to_ref = ?",
                    List.of(e.from().key(), e.relation(), e.to().key()), rs -> 1).isEmpty();
            return !exists && update(c, insert, args) > 0;
        }, (a, added) -> {
            if (added) {
                a.add(new LineageEdge(e.from(), e.to(), e.relation(), Instant.ofEpochMilli(e.created().toEpochMilli()),
                        e.source()));
            }
        });
    }

    @Override
    public boolean unlink(EntityRef from, String relation, EntityRef to) {
        return write(c -> update(c, "DELETE FROM lineage_edges WHERE from_ref = ? AND relation = ? AND to_ref = ?",
                from.key(), relation, to.key()) > 0, (a, removed) -> a.remove(from, relation, to));
    }

    @Override
    public List<LineageEdge> edgesOf(Collection<EntityRef> nodes, int limit) {
        List<String> keys = List.copyOf(new LinkedHashSet<>(nodes.stream().map(EntityRef::key).toList()));
        if (keys.isEmpty()) {
            return List.of();
        }
        LineageAdjacency a = adjacency();
        if (a != null) {
            return a.edgesOf(keys, limit);
        }
        if (keys.size() > NODES_PER_QUERY) {
            List<LineageEdge> all = new ArrayList<>();
            for (int i = 0; i < keys.size(); i += NODES_PER_QUERY) {
                List<EntityRef> part = keys.subList(i, Math.min(keys.size(), i + NODES_PER_QUERY)).stream()
                        .map(EntityRef::parse).toList();
                all.addAll(edgesOf(part, limit));
            }
            return all.stream().distinct().sorted(ORDER).limit(limit).toList();
        }
        String in = placeholders(keys.size());
        String sql = "SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM lineage_edges WHERE from_ref IN " + in
                + " UNION SELECT " + COLUMNS + " FROM lineage_edges WHERE to_ref IN " + in + ") e ORDER BY created_ms, "
                + tx.byCodePoint("from_ref") + ", " + tx.byCodePoint("relation") + ", " + tx.byCodePoint("to_ref")
                + " LIMIT " + limit;
        List<Object> args = new ArrayList<>(keys);
        args.addAll(keys);
        return tx.read(c -> query(c, sql, args, JdbcLineage::map));
    }

    private static final java.util.Comparator<LineageEdge> ORDER = LineageAdjacency.ORDER;

    @Override
    public int unlinkAll(EntityRef node) {
        return write(
                c -> update(c, "DELETE FROM lineage_edges WHERE from_ref = ? OR to_ref = ?", node.key(), node.key()),
                (a, removed) -> a.removeAll(node));
    }

    private static LineageEdge map(ResultSet rs) throws SQLException {
        return new LineageEdge(EntityRef.parse(rs.getString("from_ref")), EntityRef.parse(rs.getString("to_ref")),
                rs.getString("relation"), Instant.ofEpochMilli(rs.getLong("created_ms")),
                LineageEdge.Source.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)));
    }
}
