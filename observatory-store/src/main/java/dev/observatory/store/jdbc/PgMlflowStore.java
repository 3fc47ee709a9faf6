package dev.observatory.store.jdbc;

import dev.observatory.store.ConflictException;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowStore;
import dev.observatory.store.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** MLflow state in PostgreSQL; ids come from a sequence, a lost race for a project's id is retried once. */
final class PgMlflowStore implements MlflowStore {

    private static final String EXPERIMENT = "SELECT id, project, deleted, updated_at FROM mlflow_experiments";

    private final PgDb db;

    PgMlflowStore(PgDb db) {
        this.db = db;
    }

    @Override
    public MlflowExperiment experiment(String project) {
        try {
            return db.tx("get experiment", "experiment id race", c -> assign(c, project));
        } catch (ConflictException raced) {
            return db.tx("get experiment", c -> find(c, EXPERIMENT + " WHERE project = ?", project).orElseThrow());
        }
    }

    private MlflowExperiment assign(Connection c, String project) throws SQLException {
        Optional<MlflowExperiment> known = find(c, EXPERIMENT + " WHERE project = ?", project);
        if (known.isPresent()) {
            return known.get();
        }
        if (PgProjectStore.find(c, project).isEmpty()) {
            throw new NotFoundException("project '" + project + "' does not exist");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mlflow_experiments (id, project, deleted, "
                + "updated_at) SELECT CASE WHEN ? AND NOT EXISTS (SELECT 1 FROM mlflow_experiments WHERE id = 0) "
                + "THEN 0 ELSE nextval('mlflow_experiment_ids') END, ?, false, ?")) {
            ps.setBoolean(1, project.equals(DEFAULT_PROJECT));
            ps.setString(2, project);
            PgDb.setInstant(ps, 3, db.now());
            ps.executeUpdate();
        }
        return find(c, EXPERIMENT + " WHERE project = ?", project).orElseThrow();
    }

    @Override
    public Optional<MlflowExperiment> experimentById(long id) {
        return db.tx("get experiment", c -> find(c, EXPERIMENT + " WHERE id = ?", id));
    }

    @Override
    public List<MlflowExperiment> experiments() {
        List<String> missing = db.tx("list projects without experiment", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM projects WHERE name NOT IN "
                    + "(SELECT project FROM mlflow_experiments) ORDER BY name COLLATE \"C\"");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        missing.forEach(this::experiment);
        return db.tx("list experiments", c -> {
            Map<Long, Map<String, String>> tags = new HashMap<>();
            try (PreparedStatement ps = c
                    .prepareStatement("SELECT experiment_id, tag_key, tag_value FROM mlflow_experiment_tags");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            List<MlflowExperiment> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(EXPERIMENT + " ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs, tags.getOrDefault(rs.getLong("id"), Map.of())));
                }
            }
            return out;
        });
    }

    @Override
    public MlflowExperiment setDeleted(long id, boolean deleted) {
        return db.tx("set experiment lifecycle", c -> {
            require(c, id);
            update(c, "UPDATE mlflow_experiments SET deleted = ?, updated_at = ? WHERE id = ?", deleted, id);
            return require(c, id);
        });
    }

    @Override
    public MlflowExperiment rename(long id, String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("the new experiment name must not be blank");
        }
        return db.tx("rename experiment", "a project named '" + newName + "' already exists", c -> {
            MlflowExperiment e = require(c, id);
            if (newName.equals(e.project())) {
                return e;
            }
            if (PgProjectStore.find(c, newName).isPresent()) {
                throw new ConflictException("a project named '" + newName + "' already exists");
            }
            exec(c, "INSERT INTO projects (name, description, created_at) "
                    + "SELECT ?, description, created_at FROM projects WHERE name = ?", newName, e.project());
            exec(c, "UPDATE runs SET project = ? WHERE project = ?", newName, e.project());
            exec(c, "DELETE FROM projects WHERE name = ?", e.project());
            exec(c, "UPDATE mlflow_experiments SET project = ? WHERE id = ?", newName, id);
            update(c, "UPDATE mlflow_experiments SET updated_at = ? WHERE id = ?", null, id);
            return require(c, id);
        });
    }

    @Override
    public MlflowExperiment setTag(long id, String key, String value) {
        return db.tx("set experiment tag", c -> {
            require(c, id);
            exec(c, "INSERT INTO mlflow_experiment_tags (experiment_id, tag_key, tag_value) VALUES (?, ?, ?) "
                    + "ON CONFLICT (experiment_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value", id, key,
                    value);
            update(c, "UPDATE mlflow_experiments SET updated_at = ? WHERE id = ?", null, id);
            return require(c, id);
        });
    }

    /** An update that sets a boolean (when not null) and the update time, then the id. */
    private void update(Connection c, String sql, Boolean deleted, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (deleted != null) {
                ps.setBoolean(i++, deleted);
            }
            PgDb.setInstant(ps, i++, db.now());
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static MlflowExperiment require(Connection c, long id) throws SQLException {
        return find(c, EXPERIMENT + " WHERE id = ?", id)
                .orElseThrow(() -> new NotFoundException("no experiment with id " + id));
    }

    private static Optional<MlflowExperiment> find(Connection c, String sql, Object arg) throws SQLException {
        MlflowExperiment bare;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                bare = map(rs, Map.of());
            }
        }
        Map<String, String> tags = new TreeMap<>();
        try (PreparedStatement ps = c
                .prepareStatement("SELECT tag_key, tag_value FROM mlflow_experiment_tags WHERE experiment_id = ?")) {
            ps.setLong(1, bare.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return Optional.of(new MlflowExperiment(bare.id(), bare.project(), bare.deleted(), bare.updatedAt(), tags));
    }

    private static MlflowExperiment map(ResultSet rs, Map<String, String> tags) throws SQLException {
        return new MlflowExperiment(rs.getLong("id"), rs.getString("project"), rs.getBoolean("deleted"),
                PgDb.getInstant(rs, "updated_at"), tags);
    }

    @Override
    public Map<String, String> runTags(String runId) {
        return runTags(List.of(runId)).getOrDefault(runId, new TreeMap<>());
    }

    @Override
    public Map<String, Map<String, String>> runTags(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return new HashMap<>();
        }
        return db.tx("read run tags", c -> {
            Map<String, Map<String, String>> out = new HashMap<>();
            try (PreparedStatement ps = c
                    .prepareStatement("SELECT run_id, tag_key, tag_value FROM mlflow_run_tags WHERE run_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("text", runIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2),
                                rs.getString(3));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void updateRunTags(String runId, Map<String, String> set, Collection<String> remove) {
        db.tx("update run tags", c -> {
            requireRun(c, runId);
            for (String k : remove) {
                exec(c, "DELETE FROM mlflow_run_tags WHERE run_id = ? AND tag_key = ?", runId, k);
            }
            for (Map.Entry<String, String> t : set.entrySet()) {
                exec(c, "INSERT INTO mlflow_run_tags (run_id, tag_key, tag_value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (run_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value", runId,
                        t.getKey(), t.getValue());
            }
            return null;
        });
    }

    @Override
    public void addInputs(String runId, Map<String, String> inputs) {
        db.tx("add run inputs", c -> {
            requireRun(c, runId);
            for (Map.Entry<String, String> in : inputs.entrySet()) {
                exec(c, "INSERT INTO mlflow_run_inputs (run_id, input_key, body) VALUES (?, ?, ?) "
                        + "ON CONFLICT (run_id, input_key) DO UPDATE SET body = excluded.body", runId, in.getKey(),
                        in.getValue());
            }
            return null;
        });
    }

    @Override
    public Map<String, String> inputs(String runId) {
        return db.tx("read run inputs", c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c
                    .prepareStatement("SELECT input_key, body FROM mlflow_run_inputs WHERE run_id = ? ORDER BY seq")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    private static void requireRun(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("run '" + runId + "' does not exist");
                }
            }
        }
    }
}
