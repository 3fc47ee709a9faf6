package dev.observatory.server.http;

import dev.observatory.model.ApiKey;
import dev.observatory.model.Ids;
import dev.observatory.store.KeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * API key authentication. Keys come from two places: plain secrets given in the configuration (each gets every scope
 * and the name {@code config-1}, {@code config-2}, ...) and keys created with {@code observatory keys create}, of which
 * the store keeps only the SHA-256 hash. Presented secrets are hashed and compared in constant time; lookups of stored
 * keys are cached for a few seconds, so a revocation takes effect within {@value #CACHE_SECONDS} s.
 * <p>
 * Authentication is on when any key is configured or stored (or when the settings demand it).
 */
public final class ApiKeyAuth {
    /** Prefix of generated secrets, so that secret scanners recognise them. */
    public static final String KEY_PREFIX = "obs_";
    static final int CACHE_SECONDS = 5;
    private static final int MAX_CACHED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore store;
    private final List<byte[]> configuredHashes = new ArrayList<>();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile long storedKeysCheckedAt;
    private volatile boolean storedKeysExist;

    /** A verified caller: the key's name and scopes. */
    record Principal(String name, Set<ApiKey.Scope> scopes) {

        /** ADMIN implies every scope; WRITE implies READ. */
        boolean allows(ApiKey.Scope needed) {
            return scopes.contains(ApiKey.Scope.ADMIN) || scopes.contains(needed)
                    || needed == ApiKey.Scope.READ && scopes.contains(ApiKey.Scope.WRITE);
        }
    }

    private record Cached(Principal principal, long expiresAtNanos) {
    }

    /**
     * @param store
     *            where {@code observatory keys create} put its keys
     * @param configuredSecrets
     *            plain secrets from the configuration (never logged)
     */
    public ApiKeyAuth(KeyStore store, List<String> configuredSecrets) {
        this.store = store;
        for (String s : configuredSecrets) {
            if (s != null && !s.isBlank()) {
                configuredHashes.add(sha256(s.trim()));
            }
        }
        this.storedKeysCheckedAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(CACHE_SECONDS + 1);
    }

    /** True when requests must present a key: some key is configured or stored. */
    public boolean enabled() {
        if (!configuredHashes.isEmpty()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - storedKeysCheckedAt > TimeUnit.SECONDS.toNanos(CACHE_SECONDS)) {
            boolean exist;
            try {
                exist = store.list().stream().anyMatch(k -> k.revokedAt() == null);
            } catch (RuntimeException e) {
                exist = true; // fail closed: an unreadable key store must not switch auth off
            }
            storedKeysExist = exist;
            storedKeysCheckedAt = now;
        }
        return storedKeysExist;
    }

    /** Forgets cached lookups (after creating or revoking a key in this process). */
    public void invalidate() {
        cache.clear();
        storedKeysCheckedAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(CACHE_SECONDS + 1);
    }

    /** The principal a secret belongs to; empty for an unknown or revoked key. */
    Optional<Principal> verify(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 512) {
            return Optional.empty();
        }
        byte[] hash = sha256(secret.trim());
        int match = -1;
        for (int i = 0; i < configuredHashes.size(); i++) {
            if (MessageDigest.isEqual(hash, configuredHashes.get(i))) {
                match = i;
            }
        }
        if (match >= 0) {
            return Optional.of(new Principal("config-" + (match + 1), EnumSet.allOf(ApiKey.Scope.class)));
        }
        String hex = HexFormat.of().formatHex(hash);
        long now = System.nanoTime();
        Cached c = cache.get(hex);
        if (c == null || now - c.expiresAtNanos() > 0) {
            Principal p = store.findByHash(hex).filter(k -> k.revokedAt() == null)
                    .map(k -> new Principal(k.name(), k.scopes())).orElse(null);
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            c = new Cached(p, now + TimeUnit.SECONDS.toNanos(CACHE_SECONDS));
            cache.put(hex, c);
        }
        return Optional.ofNullable(c.principal());
    }

    /**
     * Creates a key in the store and returns its secret, which is shown once and never stored: {@code "obs_"} followed
     * by 32 random URL-safe characters. ConflictException when the name is taken.
     */
    public static String createKey(KeyStore store, String name, Set<ApiKey.Scope> scopes, Instant now) {
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("key name must be 1-100 printable characters, got '" + name + "'");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope: read, write, admin or production");
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        store.create(new ApiKey(Ids.newId(), name.trim(), sha256Hex(secret), scopes, now, null));
        return secret;
    }

    /** Lower-case hex SHA-256 of a secret, as stored. */
    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
