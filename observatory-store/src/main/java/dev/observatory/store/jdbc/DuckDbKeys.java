package dev.observatory.store.jdbc;

import dev.observatory.model.ApiKey;
import dev.observatory.model.Ids;
import dev.observatory.store.ConflictException;
import dev.observatory.store.KeyStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.internal.RunRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** API keys (hashes only); scopes stored as a comma-separated list of names. */
final class DuckDbKeys implements KeyStore {

    private static final String COLUMNS = "id, name, hash, scopes, created_at, revoked_at";

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final Clock clock;

    DuckDbKeys(DuckDbConnections db, DuckDbWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public ApiKey create(ApiKey key) {
        ApiKey stored = new ApiKey(key.id() == null ? Ids.newId() : key.id(), key.name(), key.hash(), key.scopes(),
                RunRules.micros(key.createdAt() == null ? clock.instant() : key.createdAt()),
                RunRules.micros(key.revokedAt()));
        return writer.write(c -> {
            if (DuckDbSql.count(c, "SELECT count(*) FROM api_keys WHERE name = ?", key.name()) > 0) {
                throw new ConflictException("an API key named '" + key.name() + "' already exists");
            }
            DuckDbSql.update(c, "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", stored.id(),
                    stored.name(), stored.hash(),
                    stored.scopes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                    stored.createdAt(), stored.revokedAt());
            return stored;
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String sha256Hex) {
        return db.read(c -> DuckDbSql.one(c, "SELECT " + COLUMNS + " FROM api_keys WHERE hash = ?", DuckDbKeys::map,
                sha256Hex));
    }

    @Override
    public List<ApiKey> list() {
        return db.read(c -> DuckDbSql.list(c, "SELECT " + COLUMNS + " FROM api_keys ORDER BY name", DuckDbKeys::map));
    }

    @Override
    public void revoke(String name) {
        writer.write(c -> {
            if (DuckDbSql.count(c, "SELECT count(*) FROM api_keys WHERE name = ?", name) == 0) {
                throw new NotFoundException("no API key named '" + name + "'");
            }
            return DuckDbSql.update(c, "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                    RunRules.micros(clock.instant()), name);
        });
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        EnumSet<ApiKey.Scope> set = EnumSet.noneOf(ApiKey.Scope.class);
        if (!scopes.isEmpty()) {
            Arrays.stream(scopes.split(",")).map(ApiKey.Scope::valueOf).forEach(set::add);
        }
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("hash"), set,
                DuckDbSql.instant(rs, "created_at"), DuckDbSql.instant(rs, "revoked_at"));
    }
}
