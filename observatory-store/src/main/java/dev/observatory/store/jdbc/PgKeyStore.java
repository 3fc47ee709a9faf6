package dev.observatory.store.jdbc;

import dev.observatory.model.ApiKey;
import dev.observatory.model.Ids;
import dev.observatory.store.KeyStore;
import dev.observatory.store.NotFoundException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** API keys (hashes only) in PostgreSQL. */
final class PgKeyStore implements KeyStore {

    private static final String COLUMNS = "id, name, hash, scopes, created_at, revoked_at";

    private final PgDb db;

    PgKeyStore(PgDb db) {
        this.db = db;
    }

    @Override
    public ApiKey create(ApiKey key) {
        ApiKey k = new ApiKey(key.id() == null ? Ids.newId() : key.id(), key.name(), key.hash(), key.scopes(),
                key.createdAt() == null ? db.now() : PgDb.micros(key.createdAt()), PgDb.micros(key.revokedAt()));
        return db.tx("create API key", "an API key named '" + k.name() + "' already exists", c -> {
            try (PreparedStatement ps = c
                    .prepareStatement("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, k.id());
                ps.setString(2, k.name());
                ps.setString(3, k.hash());
                ps.setArray(4, c.createArrayOf("text", k.scopes().stream().map(Enum::name).sorted().toArray()));
                PgDb.setInstant(ps, 5, k.createdAt());
                PgDb.setInstant(ps, 6, k.revokedAt());
                ps.executeUpdate();
            }
            return k;
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String sha256Hex) {
        return db.tx("find API key", c -> {
            List<ApiKey> keys = select(c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_keys WHERE hash = ? " + "ORDER BY name COLLATE \"C\" LIMIT 1"),
                    sha256Hex);
            return keys.stream().findFirst();
        });
    }

    @Override
    public List<ApiKey> list() {
        return db.tx("list API keys",
                c -> select(c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY name COLLATE \"C\""),
                        null));
    }

    @Override
    public void revoke(String name) {
        db.tx("revoke API key", c -> {
            try (PreparedStatement ps = c
                    .prepareStatement("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE name = ?")) {
                PgDb.setInstant(ps, 1, db.now());
                ps.setString(2, name);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException("API key '" + name + "' not found");
                }
            }
            return null;
        });
    }

    private static List<ApiKey> select(PreparedStatement statement, String param) throws SQLException {
        List<ApiKey> out = new ArrayList<>();
        try (PreparedStatement ps = statement) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<ApiKey.Scope> scopes = EnumSet.noneOf(ApiKey.Scope.class);
                    for (String s : (String[]) rs.getArray("scopes").getArray()) {
                        scopes.add(ApiKey.Scope.valueOf(s));
                    }
                    out.add(new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("hash"), scopes,
                            PgDb.getInstant(rs, "created_at"), PgDb.getInstant(rs, "revoked_at")));
                }
            }
        }
        return out;
    }
}
