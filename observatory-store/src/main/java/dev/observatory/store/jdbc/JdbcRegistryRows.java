package dev.observatory.store.jdbc;

import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain JDBC for the registry tables, shared by the DuckDB and PostgreSQL backends (same schema, see V2.sql):
 * statements with bound values, rows mapped to records, tags and aliases loaded per batch of models or versions.
 */
final class JdbcRegistryRows {
    static final String MODEL_COLUMNS = "m.name, m.description, m.owner_name, m.created_ms, m.updated_ms";
    static final String VERSION_COLUMNS = "v.id, v.model, v.version_number, v.source_uri, v.run_id, v.status, "
            + "v.status_message, v.description, v.created_by, v.created_ms, v.updated_ms, v.stage, v.metrics_json";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JdbcRegistryRows() {
    }

    static <T> List<T> query(Connection c, String sql, List<?> args, JdbcRows.Mapper<T> mapper) throws SQLException {
        return JdbcRows.query(c, sql, args, mapper);
    }

    static long count(Connection c, String sql, List<?> args) throws SQLException {
        return query(c, sql, args, rs -> rs.getLong(1)).get(0);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        return JdbcRows.update(c, sql, args);
    }

    static String placeholders(int n) {
        return JdbcRows.placeholders(n);
    }

    /** Models of the rows, with tags and aliases read in two more queries. */
    static List<RegisteredModel> models(Connection c, List<ModelRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> names = rows.stream().map(ModelRow::name).toList();
        Map<String, Map<String, String>> tags = new HashMap<>();
        query(c, "SELECT model, tag_key, tag_value FROM registered_model_tags WHERE model IN "
                + placeholders(names.size()), names,
                rs -> tags.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2),
                        rs.getString(3)));
        Map<String, Map<String, Integer>> aliases = aliases(c, names);
        return rows.stream()
                .map(r -> new RegisteredModel(r.name(), r.description(), tags.getOrDefault(r.name(), Map.of()),
                        r.owner(), r.createdAt(), r.updatedAt(), aliases.getOrDefault(r.name(), Map.of())))
                .toList();
    }

    /** model -> alias -> version number. */
    static Map<String, Map<String, Integer>> aliases(Connection c, Collection<String> models) throws SQLException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        if (models.isEmpty()) {
            return out;
        }
        List<String> names = List.copyOf(new java.util.LinkedHashSet<>(models));
        query(c, "SELECT model, alias, version_number FROM model_aliases WHERE model IN " + placeholders(names.size()),
                names,
                rs -> out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3)));
        return out;
    }

    /** Versions of the rows, with tags and aliases read in two more queries. */
    static List<ModelVersion> versions(Connection c, List<VersionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(VersionRow::id).toList();
        Map<String, Map<String, String>> tags = new HashMap<>();
        query(c, "SELECT version_id, tag_key, tag_value FROM model_version_tags WHERE version_id IN "
                + placeholders(ids.size()), ids,
                rs -> tags.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2),
                        rs.getString(3)));
        Map<String, Map<String, Integer>> aliases = aliases(c, rows.stream().map(VersionRow::model).toList());
        List<ModelVersion> out = new ArrayList<>(rows.size());
        for (VersionRow r : rows) {
            List<String> names = aliases.getOrDefault(r.model(), Map.of()).entrySet().stream()
                    .filter(a -> a.getValue() == r.version()).map(Map.Entry::getKey).toList();
            out.add(new ModelVersion(r.id(), r.model(), r.version(), r.source(), r.runId(), r.status(),
                    r.statusMessage(), r.description(), tags.getOrDefault(r.id(), Map.of()), r.createdBy(),
                    r.createdAt(), r.updatedAt(), r.stage(), r.metrics(), names));
        }
        return out;
    }

    /** One row of registered_models. */
    record ModelRow(String name, String description, String owner, Instant createdAt, Instant updatedAt) {
        static ModelRow map(ResultSet rs) throws SQLException {
            return new ModelRow(rs.getString("name"), rs.getString("description"), rs.getString("owner_name"),
                    Instant.ofEpochMilli(rs.getLong("created_ms")), Instant.ofEpochMilli(rs.getLong("updated_ms")));
        }
    }

    /** One row of model_versions. */
    record VersionRow(String id, String model, int version, String source, String runId, VersionStatus status,
            String statusMessage, String description, String createdBy, Instant createdAt, Instant updatedAt,
            Stage stage, Map<String, Double> metrics) {
        static VersionRow map(ResultSet rs) throws SQLException {
            return new VersionRow(rs.getString("id"), rs.getString("model"), rs.getInt("version_number"),
                    rs.getString("source_uri"), rs.getString("run_id"), VersionStatus.valueOf(rs.getString("status")),
                    rs.getString("status_message"), rs.getString("description"), rs.getString("created_by"),
                    Instant.ofEpochMilli(rs.getLong("created_ms")), Instant.ofEpochMilli(rs.getLong("updated_ms")),
                    Stage.parse(rs.getString("stage")), readMetrics(rs.getString("metrics_json")));
        }
    }

    /** A metrics snapshot as JSON: finite values as numbers, others as "NaN", "Infinity", "-Infinity". */
    static String writeMetrics(Map<String, Double> metrics) {
        Map<String, Object> out = new TreeMap<>();
        metrics.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : v.toString()));
        return JSON.writeValueAsString(out);
    }

    static Map<String, Double> readMetrics(String json) {
        Map<String, Double> out = new TreeMap<>();
        JSON.readValue(json, OBJECT).forEach(
                (k, v) -> out.put(k, v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v))));
        return out;
    }
}
