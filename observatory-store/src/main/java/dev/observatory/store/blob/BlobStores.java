package dev.observatory.store.blob;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Opens the configured blob store. The S3 store (and with it the AWS SDK) is only loaded when {@code kind} is "s3": no
 * class reachable from here refers to the SDK until then.
 */
public final class BlobStores {
    private BlobStores() {
    }

    /**
     * Opens the store; {@code publicBase} supplies the server's public URL for the filesystem store's download links.
     * An S3 store checks the bucket at once: StoreException naming the setting to fix when it is missing or the
     * credentials are refused.
     */
    public static BlobStore open(BlobSettings settings, Supplier<String> publicBase) {
        return switch (settings.kind()) {
            case "s3" -> S3BlobStore.open(settings);
            default -> FileBlobStore.open(settings.root(), publicBase, Clock.systemUTC());
        };
    }

    /** A filesystem store in a temporary directory deleted on close (for storage=memory: nothing persisted). */
    public static BlobStore openTemporary(Supplier<String> publicBase) {
        return FileBlobStore.openTemporary(publicBase, Clock.systemUTC());
    }
}
