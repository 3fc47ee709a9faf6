package dev.observatory.store.jdbc;

import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.internal.ParamText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Writing runs as rows (params and tags as JSON text plus filter rows) and reading them back. */
final class DuckDbRunRows {

    static final String COLUMNS = "r.id, r.project, r.name, r.status, r.user_name, r.tags_json, r.params_json, "
            + "r.notes, r.created_at, r.started_at, r.ended_at, r.heartbeat_at, r.git_commit, r.host";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMS = new TypeReference<>() {
    };

    private DuckDbRunRows() {
    }

    static Run map(ResultSet rs) throws SQLException {
        return new Run(rs.getString("id"), rs.getString("project"), rs.getString("name"),
                RunStatus.parse(rs.getString("status")), rs.getString("user_name"),
                JSON.readValue(rs.getString("tags_json"), TAGS), JSON.readValue(rs.getString("params_json"), PARAMS),
                rs.getString("notes"), DuckDbSql.instant(rs, "created_at"), DuckDbSql.instant(rs, "started_at"),
                DuckDbSql.instant(rs, "ended_at"), DuckDbSql.instant(rs, "heartbeat_at"), rs.getString("git_commit"),
                rs.getString("host"));
    }

    static void insert(Connection c, Run r) throws SQLException {
        DuckDbSql.update(c,
                "INSERT INTO runs (id, project, name, status, user_name, tags_json, params_json, notes, "
                        + "created_at, started_at, ended_at, heartbeat_at, git_commit, host) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.project(), r.name(), r.status().wire(), r.user(), JSON.writeValueAsString(r.tags()),
                JSON.writeValueAsString(r.params()), r.notes(), r.createdAt(), r.startedAt(), r.endedAt(),
                r.heartbeatAt(), r.gitCommit(), r.host());
        insertTags(c, r);
        insertParams(c, r);
    }

    /** Rewrites the changed parts of a run; tags and params rows only when they changed. */
    static void update(Connection c, Run before, Run after) throws SQLException {
        DuckDbSql.update(c,
                "UPDATE runs SET name = ?, status = ?, tags_json = ?, params_json = ?, notes = ?, "
                        + "started_at = ?, ended_at = ?, heartbeat_at = ? WHERE id = ?",
                after.name(), after.status().wire(), JSON.writeValueAsString(after.tags()),
                JSON.writeValueAsString(after.params()), after.notes(), after.startedAt(), after.endedAt(),
                after.heartbeatAt(), after.id());
        if (!before.tags().equals(after.tags())) {
            DuckDbSql.update(c, "DELETE FROM run_tags WHERE run_id = ?", after.id());
            insertTags(c, after);
        }
        if (!before.params().equals(after.params())) {
            DuckDbSql.update(c, "DELETE FROM run_params WHERE run_id = ?", after.id());
            insertParams(c, after);
        }
    }

    private static void insertTags(Connection c, Run r) throws SQLException {
        for (String tag : r.tags()) {
            DuckDbSql.update(c, "INSERT INTO run_tags (run_id, tag) VALUES (?, ?)", r.id(), tag);
        }
    }

    private static void insertParams(Connection c, Run r) throws SQLException {
        for (Map.Entry<String, Object> p : r.params().entrySet()) {
            DuckDbSql.update(c, "INSERT INTO run_params (run_id, param_key, value_text) VALUES (?, ?, ?)", r.id(),
                    p.getKey(), ParamText.of(p.getValue()));
        }
    }
}
