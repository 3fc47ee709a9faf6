package dev.observatory.store.memory;

import dev.observatory.model.ApiKey;
import dev.observatory.model.Ids;
import dev.observatory.store.ConflictException;
import dev.observatory.store.KeyStore;
import dev.observatory.store.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** API keys by name; one lock. */
final class MemoryKeys implements KeyStore {

    private final InMemoryStorage.MemoryClock clock;
    private final TreeMap<String, ApiKey> byName = new TreeMap<>();

    MemoryKeys(InMemoryStorage.MemoryClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ApiKey create(ApiKey key) {
        if (byName.containsKey(key.name())) {
            throw new ConflictException("an API key named '" + key.name() + "' already exists");
        }
        ApiKey stored = new ApiKey(key.id() == null ? Ids.newId() : key.id(), key.name(), key.hash(), key.scopes(),
                key.createdAt() == null ? clock.now() : InMemoryStorage.truncate(key.createdAt()),
                InMemoryStorage.truncate(key.revokedAt()));
        byName.put(key.name(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(String sha256Hex) {
        return byName.values().stream().filter(k -> k.hash().equals(sha256Hex)).findFirst();
    }

    @Override
    public synchronized List<ApiKey> list() {
        return List.copyOf(byName.values());
    }

    @Override
    public synchronized void revoke(String name) {
        ApiKey k = byName.get(name);
        if (k == null) {
            throw new NotFoundException("no API key named '" + name + "'");
        }
        if (k.revokedAt() == null) {
            byName.put(name, new ApiKey(k.id(), k.name(), k.hash(), k.scopes(), k.createdAt(), clock.now()));
        }
    }
}
