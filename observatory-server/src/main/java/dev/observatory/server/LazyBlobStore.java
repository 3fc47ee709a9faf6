package dev.observatory.server;

import dev.observatory.store.StoreException;
import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobListing;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.SignedLink;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A blob store opened on first use, for {@code observatory mcp}: the MCP server answers {@code initialize} without
 * touching the blob directory or S3, and a store that cannot open (a bad bucket, a data directory that is a file) fails
 * the artifact tool calls with its message instead of stopping the process.
 */
final class LazyBlobStore implements BlobStore {
    private final String kind;
    private final Supplier<BlobStore> opener;
    private BlobStore store;
    private RuntimeException failure;

    LazyBlobStore(String kind, Supplier<BlobStore> opener) {
        this.kind = kind;
        this.opener = opener;
    }

    private synchronized BlobStore store() {
        if (store == null && failure == null) {
            try {
                store = opener.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new StoreException(
                    "the blob store (blob_store=" + kind + ") could not be opened: " + failure.getMessage(), failure);
        }
        return store;
    }

    @Override
    public BlobInfo put(String key, InputStream content, long declaredSize, String expectedSha256, String contentType) {
        return store().put(key, content, declaredSize, expectedSha256, contentType);
    }

    @Override
    public InputStream open(String key) {
        return store().open(key);
    }

    @Override
    public InputStream openRange(String key, long offset, long length) {
        return store().openRange(key, offset, length);
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        return store().stat(key);
    }

    @Override
    public BlobListing list(String prefix, String delimiter, String cursor, int limit) {
        return store().list(prefix, delimiter, cursor, limit);
    }

    @Override
    public boolean delete(String key) {
        return store().delete(key);
    }

    @Override
    public SignedLink link(String key, Duration validFor) {
        return store().link(key, validFor);
    }

    @Override
    public Optional<String> verifyLink(String key, long expiresEpochSeconds, String signature) {
        return store().verifyLink(key, expiresEpochSeconds, signature);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String location() {
        synchronized (this) {
            return store != null ? store.location() : "(not opened yet)";
        }
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
        }
    }
}
