package dev.observatory.store;

import dev.observatory.model.ApiKey;
import java.util.List;
import java.util.Optional;

/** API keys, stored hashed. Names are unique (ConflictException). */
public interface KeyStore {

    ApiKey create(ApiKey key);

    Optional<ApiKey> findByHash(String sha256Hex);

    List<ApiKey> list();

    /** Marks the key revoked; NotFoundException for unknown name. */
    void revoke(String name);
}
