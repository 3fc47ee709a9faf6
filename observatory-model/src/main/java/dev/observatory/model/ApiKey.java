package dev.observatory.model;

import java.time.Instant;
import java.util.Set;

/** An API key as stored: only the SHA-256 hash of the secret is kept. */
public record ApiKey(String id, String name, String hash, Set<Scope> scopes, Instant createdAt, Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public enum Scope {
        READ, WRITE, ADMIN, PRODUCTION
    }
}
