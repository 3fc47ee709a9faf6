package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.bigint;
import static dev.observatory.store.jdbc.JdbcRows.nullableLong;
import static dev.observatory.store.jdbc.JdbcRows.placeholders;
import static dev.observatory.store.jdbc.JdbcRows.query;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.DeploymentStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.internal.JsonMaps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deployments over JDBC (table {@code deployments}, duckdb/V15.sql and postgres/V12.sql), both backends. */
final class JdbcDeployments implements DeploymentStore {
    private static final String COLUMNS = "id, model, version, version_id, environment, runtime, template, spec_json, "
            + "port, endpoint, health_url, status, status_message, pid, process_start_ms, log_path, restarts, "
            + "created_by, created_ms, updated_ms";

    private final JdbcTx tx;

    JdbcDeployments(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public Deployment create(Deployment d) {
        return tx.write(c -> {
            if (get(c, d.id()).isPresent()) {
                throw new ConflictException("deployment " + d.id() + " exists");
            }
            JdbcRows.update(c, "INSERT INTO deployments (" + COLUMNS + ") VALUES " + placeholders(20), d.id(),
                    d.model(), d.version(), d.versionId(), d.environment(), d.runtime(), d.template(), spec(d),
                    d.port(), d.endpoint(), d.healthUrl(), d.status().wire(), d.statusMessage(), bigint(d.pid()),
                    bigint(millis(d.processStart())), d.logPath(), d.restarts(), d.createdBy(),
                    d.createdAt().toEpochMilli(), d.updatedAt().toEpochMilli());
            return get(c, d.id()).orElseThrow();
        });
    }

    @Override
    public Optional<Deployment> get(String id) {
        return tx.read(c -> get(c, id));
    }

    private static Optional<Deployment> get(Connection c, String id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM deployments WHERE id = ?", List.of(id), JdbcDeployments::map)
                .stream().findFirst();
    }

    @Override
    public List<Deployment> list(DeploymentQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM deployments" + where(q, args) + " ORDER BY created_ms DESC, "
                + tx.byCodePoint("id") + " DESC LIMIT " + q.limit() + " OFFSET " + q.offset();
        return tx.read(c -> query(c, sql, args, JdbcDeployments::map));
    }

    @Override
    public long count(DeploymentQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM deployments" + where(q, args);
        return tx.read(c -> query(c, sql, args, rs -> rs.getLong(1)).get(0));
    }

    private static String where(DeploymentQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.model() != null) {
            conditions.add("model = ?");
            args.add(q.model());
        }
        if (!q.statuses().isEmpty()) {
            conditions.add("status IN " + placeholders(q.statuses().size()));
            q.statuses().stream().map(DeploymentStatus::wire).sorted().forEach(args::add);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    @Override
    public Deployment update(Deployment d) {
        return tx.write(c -> {
            if (get(c, d.id()).isEmpty()) {
                throw new NotFoundException("no deployment with id " + d.id());
            }
            JdbcRows.update(c, "UPDATE deployments SET model = ?, version = ?, version_id = ?, environment = ?, "
                    + "runtime = ?, template = ?, spec_json = ?, port = ?, endpoint = ?, health_url = ?, status = ?, "
                    + "status_message = ?, pid = ?, process_start_ms = ?, log_path = ?, restarts = ?, updated_ms = ? "
                    + "WHERE id = ?", d.model(), d.version(), d.versionId(), d.environment(), d.runtime(), d.template(),
                    spec(d), d.port(), d.endpoint(), d.healthUrl(), d.status().wire(), d.statusMessage(),
                    bigint(d.pid()), bigint(millis(d.processStart())), d.logPath(), d.restarts(),
                    d.updatedAt().toEpochMilli(), d.id());
            return get(c, d.id()).orElseThrow();
        });
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static String spec(Deployment d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("argv", d.argv());
        m.put("env", d.env());
        return JsonMaps.write(m);
    }

    @SuppressWarnings("unchecked")
    private static Deployment map(ResultSet rs) throws SQLException {
        Map<String, Object> spec = JsonMaps.read(rs.getString("spec_json"));
        List<String> argv = new ArrayList<>();
        ((List<Object>) spec.getOrDefault("argv", List.of())).forEach(a -> argv.add(String.valueOf(a)));
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) spec.getOrDefault("env", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
        Long start = nullableLong(rs, "process_start_ms");
        return new Deployment(rs.getString("id"), rs.getString("model"), rs.getString("version"),
                rs.getString("version_id"), rs.getString("environment"), rs.getString("runtime"),
                rs.getString("template"), argv, rs.getInt("port"), env, rs.getString("endpoint"),
                rs.getString("health_url"), DeploymentStatus.parse(rs.getString("status")),
                rs.getString("status_message"), nullableLong(rs, "pid"),
                start == null ? null : Instant.ofEpochMilli(start), rs.getString("log_path"), rs.getInt("restarts"),
                rs.getString("created_by"), Instant.ofEpochMilli(rs.getLong("created_ms")),
                Instant.ofEpochMilli(rs.getLong("updated_ms")));
    }
}
