package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.bigint;
import static dev.observatory.store.jdbc.JdbcRows.nullableLong;
import static dev.observatory.store.jdbc.JdbcRows.placeholders;
import static dev.observatory.store.jdbc.JdbcRows.query;

import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildQuery;
import dev.observatory.model.deploy.BuildStatus;
import dev.observatory.store.BuildStore;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.internal.JsonMaps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds over JDBC (table {@code builds}, duckdb/V18.sql and postgres/V15.sql), both backends. */
final class JdbcBuilds implements BuildStore {
    private static final String COLUMNS = "id, name, kind, context, template, argv_json, output, status, "
            + "status_message, exit_code, log_path, size_bytes, created_by, created_ms, finished_ms";

    private final JdbcTx tx;

    JdbcBuilds(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public Build create(Build b) {
        return tx.write(c -> {
            if (get(c, b.id()).isPresent()) {
                throw new ConflictException("build " + b.id() + " exists");
            }
            JdbcRows.update(c, "INSERT INTO builds (" + COLUMNS + ") VALUES " + placeholders(15), b.id(), b.name(),
                    b.kind(), b.context(), b.template(), argv(b), b.output(), b.status().wire(), b.statusMessage(),
                    bigint(b.exitCode() == null ? null : b.exitCode().longValue()), b.logPath(), bigint(b.sizeBytes()),
                    b.createdBy(), b.createdAt().toEpochMilli(), bigint(millis(b.finishedAt())));
            return get(c, b.id()).orElseThrow();
        });
    }

    @Override
    public Optional<Build> get(String id) {
        return tx.read(c -> get(c, id));
    }

    private static Optional<Build> get(Connection c, String id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM builds WHERE id = ?", List.of(id), JdbcBuilds::map).stream()
                .findFirst();
    }

    @Override
    public List<Build> list(BuildQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM builds" + where(q, args) + " ORDER BY created_ms DESC, "
                + tx.byCodePoint("id") + " DESC LIMIT " + q.limit() + " OFFSET " + q.offset();
        return tx.read(c -> query(c, sql, args, JdbcBuilds::map));
    }

    @Override
    public long count(BuildQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM builds" + where(q, args);
        return tx.read(c -> query(c, sql, args, rs -> rs.getLong(1)).get(0));
    }

    private static String where(BuildQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.name() != null) {
            conditions.add("name = ?");
            args.add(q.name());
        }
        if (!q.statuses().isEmpty()) {
            conditions.add("status IN " + placeholders(q.statuses().size()));
            q.statuses().stream().map(BuildStatus::wire).sorted().forEach(args::add);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    @Override
    public Build update(Build b) {
        return tx.write(c -> {
            if (get(c, b.id()).isEmpty()) {
                throw new NotFoundException("no build with id " + b.id());
            }
            JdbcRows.update(c, "UPDATE builds SET name = ?, kind = ?, context = ?, template = ?, argv_json = ?, "
                    + "output = ?, status = ?, status_message = ?, exit_code = ?, log_path = ?, size_bytes = ?, "
                    + "finished_ms = ? WHERE id = ?", b.name(), b.kind(), b.context(), b.template(), argv(b),
                    b.output(), b.status().wire(), b.statusMessage(),
                    bigint(b.exitCode() == null ? null : b.exitCode().longValue()), b.logPath(), bigint(b.sizeBytes()),
                    bigint(millis(b.finishedAt())), b.id());
            return get(c, b.id()).orElseThrow();
        });
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static String argv(Build b) {
        return JsonMaps.write(Map.of("argv", b.argv()));
    }

    @SuppressWarnings("unchecked")
    private static Build map(ResultSet rs) throws SQLException {
        List<String> argv = new ArrayList<>();
        ((List<Object>) JsonMaps.read(rs.getString("argv_json")).getOrDefault("argv", List.of()))
                .forEach(a -> argv.add(String.valueOf(a)));
        Long code = nullableLong(rs, "exit_code");
        Long finished = nullableLong(rs, "finished_ms");
        return new Build(rs.getString("id"), rs.getString("name"), rs.getString("kind"), rs.getString("context"),
                rs.getString("template"), argv, rs.getString("output"), BuildStatus.parse(rs.getString("status")),
                rs.getString("status_message"), code == null ? null : code.intValue(), rs.getString("log_path"),
                nullableLong(rs, "size_bytes"), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_ms")),
                finished == null ? null : Instant.ofEpochMilli(finished));
    }
}
