package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.bigint;
import static dev.observatory.store.jdbc.JdbcRows.query;
import static dev.observatory.store.jdbc.JdbcRows.update;

import dev.observatory.model.Ids;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.store.ArtifactStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.internal.JsonMaps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Artifacts over JDBC (table {@code artifacts}, see duckdb/V5.sql and postgres/V4.sql), shared by both backends. */
final class JdbcArtifacts implements ArtifactStore {
    private static final String COLUMNS = "id, run_id, project, path, size_bytes, sha256, content_type, kind, step, "
            + "epoch, metadata_json, created_ms, blob_key";

    private final JdbcTx tx;

    JdbcArtifacts(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public Artifact put(NewArtifact n) {
        return tx.write(c -> {
            String project = query(c, "SELECT project FROM runs WHERE id = ?", List.of(n.runId()),
                    rs -> rs.getString(1)).stream().findFirst()
                            .orElseThrow(() -> new NotFoundException("run " + n.runId() + " does not exist"));
            long now = tx.nowMs();
            String meta = JsonMaps.write(n.metadata());
            if (tx.postgres()) {
                return upsert(c, n, project, meta, now);
            }
            Optional<Artifact> existing = find(c, n.runId(), n.path());
            if (existing.isPresent()) {
                update(c,
                        "UPDATE artifacts SET size_bytes = ?, sha256 = ?, content_type = ?, kind = ?, step = ?, "
                                + "epoch = ?, metadata_json = ?, created_ms = ?, blob_key = ? WHERE id = ?",
                        n.size(), n.sha256(), n.contentType(), n.kind().wire(), bigint(n.step()), bigint(n.epoch()),
                        meta, now, n.blobKey(), existing.get().id());
                return get(c, existing.get().id()).orElseThrow();
            }
            String id = Ids.newId();
            update(c, "INSERT INTO artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                    n.runId(), project, n.path(), n.size(), n.sha256(), n.contentType(), n.kind().wire(),
                    bigint(n.step()), bigint(n.epoch()), meta, now, n.blobKey());
            return get(c, id).orElseThrow();
        });
    }

    /**
     * PostgreSQL: one statement, so two uploads of the same run and path at once end as on DuckDB (where writes are
     * serial): the later one replaces the record and keeps its id, instead of one failing on the unique constraint.
     */
    private Artifact upsert(Connection c, NewArtifact n, String project, String meta, long now) throws SQLException {
        String sql = "INSERT INTO artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (run_id, path) DO UPDATE SET size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256,"
                + " content_type = EXCLUDED.content_type, kind = EXCLUDED.kind, step = EXCLUDED.step,"
                + " epoch = EXCLUDED.epoch, metadata_json = EXCLUDED.metadata_json, created_ms = EXCLUDED.created_ms,"
                + " blob_key = EXCLUDED.blob_key RETURNING id";
        List<Object> args = java.util.Arrays.asList(Ids.newId(), n.runId(), project, n.path(), n.size(), n.sha256(),
                n.contentType(), n.kind().wire(), bigint(n.step()), bigint(n.epoch()), meta, now, n.blobKey());
        String id = query(c, sql, args, rs -> rs.getString(1)).get(0);
        return get(c, id).orElseThrow();
    }

    @Override
    public Optional<Artifact> get(String id) {
        return tx.read(c -> get(c, id));
    }

    /** One {@code id IN (...)} statement per 500 ids. */
    @Override
    public Map<String, Artifact> get(Collection<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Map<String, Artifact> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += 500) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + 500));
            tx.read(c -> query(c,
                    "SELECT " + COLUMNS + " FROM artifacts WHERE id IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                    chunk, JdbcArtifacts::map)).forEach(a -> found.put(a.id(), a));
        }
        Map<String, Artifact> out = new LinkedHashMap<>();
        distinct.forEach(id -> {
            if (found.containsKey(id)) {
                out.put(id, found.get(id));
            }
        });
        return out;
    }

    private static Optional<Artifact> get(Connection c, String id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM artifacts WHERE id = ?", List.of(id), JdbcArtifacts::map).stream()
                .findFirst();
    }

    @Override
    public Optional<Artifact> find(String runId, String path) {
        return tx.read(c -> find(c, runId, path));
    }

    private static Optional<Artifact> find(Connection c, String runId, String path) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM artifacts WHERE run_id = ? AND path = ?", List.of(runId, path),
                JdbcArtifacts::map).stream().findFirst();
    }

    @Override
    public List<Artifact> list(ArtifactQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        String dir = q.descending() ? " DESC" : "";
        String key = switch (q.sort()) {
            case PATH -> tx.byCodePoint("path") + dir;
            case STEP -> "(step IS NULL), step" + dir;
            case CREATED -> "created_ms" + dir;
            case SIZE -> "size_bytes" + dir;
        };
        String sql = "SELECT " + COLUMNS + " FROM artifacts" + where + " ORDER BY " + key + ", "
                + tx.byCodePoint("run_id") + ", " + tx.byCodePoint("path") + " LIMIT " + q.limit() + " OFFSET "
                + q.offset();
        return tx.read(c -> query(c, sql, args, JdbcArtifacts::map));
    }

    @Override
    public long count(ArtifactQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM artifacts" + where(q, args);
        return tx.read(c -> query(c, sql, args, rs -> rs.getLong(1)).get(0));
    }

    @Override
    public List<ArtifactUsage> usage(ArtifactQuery q, ArtifactUsage.GroupBy groupBy) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        String group = switch (groupBy) {
            case NONE -> null;
            case PROJECT -> "project";
            case RUN -> "run_id";
            case KIND -> "kind";
            // integer division: '//' on DuckDB, '/' on bigint on PostgreSQL
            case DAY -> "created_ms " + (tx.postgres() ? "/" : "//") + " 86400000";
        };
        String aggregates = "count(*) AS n, CAST(coalesce(sum(size_bytes), 0) AS BIGINT) AS bytes, min(step) AS min_step, "
                + "max(step) AS max_step, min(epoch) AS min_epoch, max(epoch) AS max_epoch, min(created_ms) AS first_ms,"
                + " max(created_ms) AS last_ms";
        String sql = group == null ? "SELECT " + aggregates + " FROM artifacts" + where
                : "SELECT " + group + " AS g, " + aggregates + " FROM artifacts" + where + " GROUP BY " + group
                        + " ORDER BY " + (groupBy == ArtifactUsage.GroupBy.DAY ? "1" : tx.byCodePoint(group));
        return tx.read(c -> query(c, sql, args, rs -> {
            String key = group == null ? null
                    : groupBy == ArtifactUsage.GroupBy.DAY ? LocalDate.ofEpochDay(rs.getLong("g")).toString()
                            : rs.getString("g");
            long n = rs.getLong("n");
            Long first = JdbcRows.nullableLong(rs, "first_ms");
            Long last = JdbcRows.nullableLong(rs, "last_ms");
            return new ArtifactUsage(key, n, rs.getLong("bytes"), JdbcRows.nullableLong(rs, "min_step"),
                    JdbcRows.nullableLong(rs, "max_step"), JdbcRows.nullableLong(rs, "min_epoch"),
                    JdbcRows.nullableLong(rs, "max_epoch"), first == null ? null : Instant.ofEpochMilli(first),
                    last == null ? null : Instant.ofEpochMilli(last));
        }));
    }

    private static String where(ArtifactQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.runId() != null) {
            conditions.add("run_id = ?");
            args.add(q.runId());
        }
        if (q.project() != null) {
            conditions.add("project = ?");
            args.add(q.project());
        }
        if (q.kind() != null) {
            conditions.add("kind = ?");
            args.add(q.kind().wire());
        }
        if (q.pathPrefix() != null && !q.pathPrefix().isEmpty()) {
            conditions.add("substr(path, 1, ?) = ?");
            args.add(q.pathPrefix().length());
            args.add(q.pathPrefix());
        }
        if (q.minStep() != null) {
            conditions.add("step >= ?");
            args.add(q.minStep());
        }
        if (q.maxStep() != null) {
            conditions.add("step <= ?");
            args.add(q.maxStep());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    @Override
    public boolean delete(String id) {
        return tx.write(c -> update(c, "DELETE FROM artifacts WHERE id = ?", id) > 0);
    }

    private static Artifact map(ResultSet rs) throws SQLException {
        return new Artifact(rs.getString("id"), rs.getString("run_id"), rs.getString("project"), rs.getString("path"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("content_type"),
                ArtifactKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), JdbcRows.nullableLong(rs, "step"),
                JdbcRows.nullableLong(rs, "epoch"), JsonMaps.read(rs.getString("metadata_json")),
                Instant.ofEpochMilli(rs.getLong("created_ms")), rs.getString("blob_key"));
    }
}
