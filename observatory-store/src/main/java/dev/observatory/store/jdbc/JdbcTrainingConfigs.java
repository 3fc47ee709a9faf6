package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.query;
import static dev.observatory.store.jdbc.JdbcRows.update;

import dev.observatory.model.dataset.NewTrainingConfig;
import dev.observatory.model.dataset.TrainingConfig;
import dev.observatory.store.TrainingConfigStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Training configs over JDBC (table {@code training_configs}, see duckdb/V9.sql and postgres/V6.sql). */
final class JdbcTrainingConfigs implements TrainingConfigStore {
    private static final String COLUMNS = "name, version, template, format, content, description, created_ms";

    private final JdbcTx tx;

    JdbcTrainingConfigs(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public TrainingConfig save(NewTrainingConfig n) {
        return tx.write(c -> {
            int version = query(c, "SELECT coalesce(max(version), 0) FROM training_configs WHERE name = ?",
                    List.of(n.name()), rs -> rs.getInt(1)).get(0) + 1;
            long now = tx.nowMs();
            update(c, "INSERT INTO training_configs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", n.name(), version,
                    n.template(), n.format(), n.content(), n.description(), now);
            return new TrainingConfig(n.name(), version, n.template(), n.format(), n.content(), n.description(),
                    Instant.ofEpochMilli(now));
        });
    }

    @Override
    public Optional<TrainingConfig> get(String name, int version) {
        return tx.read(c -> query(c, "SELECT " + COLUMNS + " FROM training_configs WHERE name = ? AND version = ?",
                List.of(name, version), JdbcTrainingConfigs::map)).stream().findFirst();
    }

    @Override
    public Optional<TrainingConfig> latest(String name) {
        return tx.read(c -> query(c,
                "SELECT " + COLUMNS + " FROM training_configs WHERE name = ? ORDER BY version DESC LIMIT 1",
                List.of(name), JdbcTrainingConfigs::map)).stream().findFirst();
    }

    @Override
    public List<TrainingConfig> versions(String name) {
        return tx.read(c -> query(c, "SELECT " + COLUMNS + " FROM training_configs WHERE name = ? ORDER BY version",
                List.of(name), JdbcTrainingConfigs::map));
    }

    @Override
    public List<TrainingConfig> list(String template, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + prefixed() + latestJoin(template, args) + " ORDER BY " + tx.byCodePoint("c.name")
                + " LIMIT " + limit + " OFFSET " + offset;
        return tx.read(c -> query(c, sql, args, JdbcTrainingConfigs::map));
    }

    @Override
    public long count(String template) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*)" + latestJoin(template, args);
        return tx.read(c -> query(c, sql, args, rs -> rs.getLong(1)).get(0));
    }

    private static String prefixed() {
        return "c." + COLUMNS.replace(", ", ", c.");
    }

    private static String latestJoin(String template, List<Object> args) {
        String sql = " FROM training_configs c JOIN (SELECT name, max(version) AS v FROM training_configs GROUP BY name)"
                + " m ON c.name = m.name AND c.version = m.v";
        if (template != null) {
            args.add(template);
            return sql + " WHERE c.template = ?";
        }
        return sql;
    }

    private static TrainingConfig map(ResultSet rs) throws SQLException {
        return new TrainingConfig(rs.getString("name"), rs.getInt("version"), rs.getString("template"),
                rs.getString("format"), rs.getString("content"), rs.getString("description"),
                Instant.ofEpochMilli(rs.getLong("created_ms")));
    }
}
