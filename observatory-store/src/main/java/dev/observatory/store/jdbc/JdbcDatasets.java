package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.query;
import static dev.observatory.store.jdbc.JdbcRows.update;

import dev.observatory.model.dataset.Dataset;
import dev.observatory.model.dataset.NewDataset;
import dev.observatory.store.ConflictException;
import dev.observatory.store.DatasetStore;
import dev.observatory.store.internal.JsonMaps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registered datasets over JDBC (table {@code datasets}, see duckdb/V9.sql and postgres/V6.sql). */
final class JdbcDatasets implements DatasetStore {
    private static final String COLUMNS = "name, path, kind, source, description, metadata_json, created_ms";

    private final JdbcTx tx;

    JdbcDatasets(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public Dataset register(NewDataset n) {
        return tx.write(c -> {
            if (!query(c, "SELECT 1 FROM datasets WHERE name = ?", List.of(n.name()), rs -> 1).isEmpty()) {
                throw new ConflictException("a dataset named '" + n.name() + "' is already registered");
            }
            long now = tx.nowMs();
            update(c, "INSERT INTO datasets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", n.name(), n.path(),
                    n.kind(), n.source(), n.description(), JsonMaps.write(n.metadata()), now);
            return new Dataset(n.name(), n.path(), n.kind(), n.source(), n.description(),
                    JsonMaps.normalize(n.metadata()), Instant.ofEpochMilli(now));
        });
    }

    @Override
    public Optional<Dataset> get(String name) {
        return tx.read(
                c -> query(c, "SELECT " + COLUMNS + " FROM datasets WHERE name = ?", List.of(name), JdbcDatasets::map))
                .stream().findFirst();
    }

    @Override
    public List<Dataset> list(int limit, long offset) {
        return tx.read(c -> query(c, "SELECT " + COLUMNS + " FROM datasets ORDER BY " + tx.byCodePoint("name")
                + " LIMIT " + limit + " OFFSET " + offset, List.of(), JdbcDatasets::map));
    }

    @Override
    public long count() {
        return tx.read(c -> query(c, "SELECT count(*) FROM datasets", List.of(), rs -> rs.getLong(1)).get(0));
    }

    private static Dataset map(ResultSet rs) throws SQLException {
        return new Dataset(rs.getString("name"), rs.getString("path"), rs.getString("kind"), rs.getString("source"),
                rs.getString("description"), JsonMaps.read(rs.getString("metadata_json")),
                Instant.ofEpochMilli(rs.getLong("created_ms")));
    }
}
