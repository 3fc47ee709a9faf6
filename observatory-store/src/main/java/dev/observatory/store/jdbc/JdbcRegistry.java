package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRegistryRows.MODEL_COLUMNS;
import static dev.observatory.store.jdbc.JdbcRegistryRows.VERSION_COLUMNS;
import static dev.observatory.store.jdbc.JdbcRegistryRows.count;
import static dev.observatory.store.jdbc.JdbcRegistryRows.query;
import static dev.observatory.store.jdbc.JdbcRegistryRows.update;

import dev.observatory.model.Ids;
import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionPatch;
import dev.observatory.model.registry.VersionQuery;
import dev.observatory.model.registry.VersionStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RegistryStore;
import dev.observatory.store.jdbc.JdbcRegistryRows.ModelRow;
import dev.observatory.store.jdbc.JdbcRegistryRows.VersionRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry over JDBC, shared by the DuckDB and PostgreSQL backends: subclasses say how a unit of work runs (DuckDB:
 * writes on the single writer thread, reads on pooled connections; PostgreSQL: a transaction per call) and how names
 * sort. Each write runs in one transaction and is committed before it returns.
 */
abstract class JdbcRegistry implements RegistryStore {

    /** Work on a connection inside the backend's transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs a write in one transaction; a unique violation becomes a ConflictException with the given message. */
    abstract <T> T write(String conflictMessage, Work<T> work);

    abstract <T> T read(Work<T> work);

    /** Current time in epoch milliseconds. */
    abstract long nowMs();

    /** SQL of an expression sorted by code point (Java's String order). */
    abstract String byCodePoint(String column);

    @Override
    public RegisteredModel createModel(NewModel m) {
        String conflict = "a registered model named '" + m.name() + "' already exists";
        return write(conflict, c -> {
            if (findModelRow(c, m.name()).isPresent()) {
                throw new ConflictException(conflict);
            }
            long now = nowMs();
            update(c,
                    "INSERT INTO registered_models (name, description, owner_name, created_ms, updated_ms, "
                            + "last_version) VALUES (?, ?, ?, ?, ?, 0)",
                    m.name(), m.description(), m.owner(), now, now);
            setModelTags(c, m.name(), m.tags(), List.of());
            return findModel(c, m.name()).orElseThrow();
        });
    }

    @Override
    public Optional<RegisteredModel> getModel(String name) {
        return read(c -> findModel(c, name));
    }

    private static Optional<ModelRow> findModelRow(Connection c, String name) throws SQLException {
        return query(c, "SELECT " + MODEL_COLUMNS + " FROM registered_models m WHERE m.name = ?", List.of(name),
                ModelRow::map).stream().findFirst();
    }

    private static Optional<RegisteredModel> findModel(Connection c, String name) throws SQLException {
        Optional<ModelRow> row = findModelRow(c, name);
        return row.isEmpty() ? Optional.empty() : Optional.of(JdbcRegistryRows.models(c, List.of(row.get())).get(0));
    }

    private static ModelRow requireModel(Connection c, String name) throws SQLException {
        return findModelRow(c, name)
                .orElseThrow(() -> new NotFoundException("registered model '" + name + "' does not exist"));
    }

    @Override
    public List<RegisteredModel> listModels(ModelQuery q) {
        List<Object> args = new ArrayList<>();
        String where = modelWhere(q, args);
        String name = byCodePoint("m.name");
        String dir = q.descending() ? " DESC" : "";
        String order = switch (q.sort()) {
            case NAME -> name + dir;
            case CREATED -> "m.created_ms" + dir + ", " + name;
            case UPDATED -> "m.updated_ms" + dir + ", " + name;
        };
        String sql = "SELECT " + MODEL_COLUMNS + " FROM registered_models m" + where + " ORDER BY " + order + " LIMIT "
                + q.limit() + " OFFSET " + q.offset();
        return read(c -> JdbcRegistryRows.models(c, query(c, sql, args, ModelRow::map)));
    }

    @Override
    public long countModels(ModelQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM registered_models m" + modelWhere(q, args);
        return read(c -> count(c, sql, args));
    }

    private static String modelWhere(ModelQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.name() != null) {
            conditions.add(nameCondition("m.name", q.name(), args));
        }
        q.tags().forEach((k, v) -> {
            conditions.add("EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.model = m.name AND t.tag_key = ? "
                    + "AND t.tag_value = ?)");
            args.add(k);
            args.add(v);
        });
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String nameCondition(String column, NameFilter f, List<Object> args) {
        args.add(f.pattern());
        return switch (f.match()) {
            case EQUALS -> column + " = ?";
            case LIKE -> column + " LIKE ? ESCAPE '\\'";
            case ILIKE -> column + " ILIKE ? ESCAPE '\\'";
        };
    }

    @Override
    public RegisteredModel updateModel(String name, ModelPatch p) {
        return write(null, c -> {
            requireModel(c, name);
            if (p.description() != null) {
                update(c, "UPDATE registered_models SET description = ? WHERE name = ?", p.description(), name);
            }
            setModelTags(c, name, p.setTags(), p.removeTags());
            touch(c, name, nowMs());
            return findModel(c, name).orElseThrow();
        });
    }

    private static void setModelTags(Connection c, String model, Map<String, String> set, Collection<String> remove)
            throws SQLException {
        for (String key : remove) {
            update(c, "DELETE FROM registered_model_tags WHERE model = ? AND tag_key = ?", model, key);
        }
        for (var e : set.entrySet()) {
            update(c, "DELETE FROM registered_model_tags WHERE model = ? AND tag_key = ?", model, e.getKey());
            update(c, "INSERT INTO registered_model_tags (model, tag_key, tag_value) VALUES (?, ?, ?)", model,
                    e.getKey(), e.getValue());
        }
    }

    private static void touch(Connection c, String model, long now) throws SQLException {
        update(c, "UPDATE registered_models SET updated_ms = ? WHERE name = ?", now, model);
    }

    @Override
    public RegisteredModel renameModel(String name, String newName) {
        String conflict = "a registered model named '" + newName + "' already exists";
        return write(conflict, c -> {
            requireModel(c, name);
            if (name.equals(newName)) {
                return findModel(c, name).orElseThrow();
            }
            if (findModelRow(c, newName).isPresent()) {
                throw new ConflictException(conflict);
            }
            // on PostgreSQL the foreign keys cascade the new name; the child updates then touch no row
            update(c, "UPDATE registered_models SET name = ?, updated_ms = ? WHERE name = ?", newName, nowMs(), name);
            for (String table : List.of("registered_model_tags", "model_versions", "model_aliases")) {
                update(c, "UPDATE " + table + " SET model = ? WHERE model = ?", newName, name);
            }
            return findModel(c, newName).orElseThrow();
        });
    }

    @Override
    public void deleteModel(String name) {
        write(null, c -> {
            requireModel(c, name);
            update(c, "DELETE FROM model_version_tags WHERE version_id IN (SELECT id FROM model_versions "
                    + "WHERE model = ?)", name);
            for (String table : List.of("model_versions", "model_aliases", "registered_model_tags")) {
                update(c, "DELETE FROM " + table + " WHERE model = ?", name);
            }
            update(c, "DELETE FROM registered_models WHERE name = ?", name);
            return null;
        });
    }

    @Override
    public ModelVersion createVersion(NewModelVersion n) {
        return write("version numbers of model '" + n.model() + "' collided: retry", c -> {
            requireModel(c, n.model());
            long now = nowMs();
            update(c, "UPDATE registered_models SET last_version = last_version + 1, updated_ms = ? WHERE name = ?",
                    now, n.model());
            int number = (int) count(c, "SELECT last_version FROM registered_models WHERE name = ?",
                    List.of(n.model()));
            String id = Ids.newId();
            update(c,
                    "INSERT INTO model_versions (id, model, version_number, source_uri, run_id, status, "
                            + "status_message, description, created_by, created_ms, updated_ms, stage, metrics_json) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, n.model(), number, n.source(), n.runId(),
                    (n.status() == null ? VersionStatus.READY : n.status()).name(), n.statusMessage(), n.description(),
                    n.createdBy(), now, now, Stage.NONE.wire(), JdbcRegistryRows.writeMetrics(n.metrics()));
            setVersionTags(c, id, n.tags(), List.of());
            return findVersion(c, "v.id = ?", List.of(id)).orElseThrow();
        });
    }

    private static Optional<ModelVersion> findVersion(Connection c, String condition, List<?> args)
            throws SQLException {
        List<VersionRow> rows = query(c, "SELECT " + VERSION_COLUMNS + " FROM model_versions v WHERE " + condition,
                args, VersionRow::map);
        return rows.isEmpty() ? Optional.empty() : Optional.of(JdbcRegistryRows.versions(c, rows).get(0));
    }

    private static VersionRow requireVersion(Connection c, String model, int version) throws SQLException {
        requireModel(c, model);
        return query(c,
                "SELECT " + VERSION_COLUMNS + " FROM model_versions v WHERE v.model = ? " + "AND v.version_number = ?",
                List.of(model, version), VersionRow::map).stream().findFirst()
                        .orElseThrow(() -> new NotFoundException("model '" + model + "' has no version " + version));
    }

    private static void setVersionTags(Connection c, String id, Map<String, String> set, Collection<String> remove)
            throws SQLException {
        for (String key : remove) {
            update(c, "DELETE FROM model_version_tags WHERE version_id = ? AND tag_key = ?", id, key);
        }
        for (var e : set.entrySet()) {
            update(c, "DELETE FROM model_version_tags WHERE version_id = ? AND tag_key = ?", id, e.getKey());
            update(c, "INSERT INTO model_version_tags (version_id, tag_key, tag_value) VALUES (?, ?, ?)", id,
                    e.getKey(), e.getValue());
        }
    }

    @Override
    public Optional<ModelVersion> getVersion(String model, int version) {
        return read(c -> findVersion(c, "v.model = ? AND v.version_number = ?", List.of(model, version)));
    }

    @Override
    public Optional<ModelVersion> getVersionById(String id) {
        return read(c -> findVersion(c, "v.id = ?", List.of(id)));
    }

    @Override
    public List<ModelVersion> listVersions(VersionQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + VERSION_COLUMNS + " FROM model_versions v" + versionWhere(q, args) + " ORDER BY "
                + byCodePoint("v.model") + ", v.version_number DESC LIMIT " + q.limit() + " OFFSET " + q.offset();
        return read(c -> JdbcRegistryRows.versions(c, query(c, sql, args, VersionRow::map)));
    }

    @Override
    public long countVersions(VersionQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM model_versions v" + versionWhere(q, args);
        return read(c -> count(c, sql, args));
    }

    private static String versionWhere(VersionQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.model() != null) {
            conditions.add(nameCondition("v.model", q.model(), args));
        }
        if (q.runId() != null) {
            conditions.add("v.run_id = ?");
            args.add(q.runId());
        }
        if (!q.stages().isEmpty()) {
            conditions.add("v.stage IN " + JdbcRegistryRows.placeholders(q.stages().size()));
            q.stages().stream().map(Stage::wire).sorted().forEach(args::add);
        }
        q.tags().forEach((k, v) -> {
            conditions.add("EXISTS (SELECT 1 FROM model_version_tags t WHERE t.version_id = v.id AND t.tag_key = ? "
                    + "AND t.tag_value = ?)");
            args.add(k);
            args.add(v);
        });
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    @Override
    public ModelVersion updateVersion(String model, int version, VersionPatch p) {
        return write(null, c -> {
            VersionRow v = requireVersion(c, model, version);
            long now = nowMs();
            update(c,
                    "UPDATE model_versions SET description = ?, status = ?, status_message = ?, updated_ms = ? "
                            + "WHERE id = ?",
                    p.description() == null ? v.description() : p.description(),
                    (p.status() == null ? v.status() : p.status()).name(),
                    p.statusMessage() == null ? v.statusMessage() : p.statusMessage(), now, v.id());
            setVersionTags(c, v.id(), p.setTags(), p.removeTags());
            touch(c, model, now);
            return findVersion(c, "v.id = ?", List.of(v.id())).orElseThrow();
        });
    }

    @Override
    public ModelVersion transitionStage(String model, int version, Stage stage, boolean archiveExisting) {
        return write(null, c -> {
            VersionRow v = requireVersion(c, model, version);
            long now = nowMs();
            if (archiveExisting) {
                update(c, "UPDATE model_versions SET stage = ?, updated_ms = ? WHERE model = ? AND stage = ? "
                        + "AND version_number <> ?", Stage.ARCHIVED.wire(), now, model, stage.wire(), version);
            }
            update(c, "UPDATE model_versions SET stage = ?, updated_ms = ? WHERE id = ?", stage.wire(), now, v.id());
            touch(c, model, now);
            return findVersion(c, "v.id = ?", List.of(v.id())).orElseThrow();
        });
    }

    @Override
    public void deleteVersion(String model, int version) {
        write(null, c -> {
            VersionRow v = requireVersion(c, model, version);
            update(c, "DELETE FROM model_version_tags WHERE version_id = ?", v.id());
            update(c, "DELETE FROM model_versions WHERE id = ?", v.id());
            update(c, "DELETE FROM model_aliases WHERE model = ? AND version_number = ?", model, version);
            touch(c, model, nowMs());
            return null;
        });
    }

    @Override
    public void setAlias(String model, String alias, int version) {
        write(null, c -> {
            requireVersion(c, model, version);
            update(c, "DELETE FROM model_aliases WHERE model = ? AND alias = ?", model, alias);
            update(c, "INSERT INTO model_aliases (model, alias, version_number) VALUES (?, ?, ?)", model, alias,
                    version);
            touch(c, model, nowMs());
            return null;
        });
    }

    @Override
    public boolean deleteAlias(String model, String alias) {
        return write(null, c -> {
            requireModel(c, model);
            boolean removed = update(c, "DELETE FROM model_aliases WHERE model = ? AND alias = ?", model, alias) > 0;
            if (removed) {
                touch(c, model, nowMs());
            }
            return removed;
        });
    }
}
