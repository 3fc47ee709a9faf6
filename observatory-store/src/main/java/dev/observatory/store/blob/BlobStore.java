package dev.observatory.store.blob;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Bytes of artifacts, checkpoints, replays and reports, addressed by a relative key such as
 * {@code projects/vision/runs/r-12/checkpoints/step_000100.pt}. Implementations: filesystem (default, under the data
 * directory) and S3 (any S3-compatible endpoint). Every implementation passes {@code BlobStoreContract} in
 * observatory-store-tests.
 * <p>
 * Keys: '/'-separated, relative, 1-1024 characters, no empty segment, no "." or ".." segment, no backslash, no NUL or
 * other control character. A bad key is refused with {@link IllegalArgumentException} naming the problem; nothing is
 * read or written. {@link BlobKeys#check(String)} is the one validation both implementations use.
 * <p>
 * Writes are streamed (never buffered whole in memory) and atomic: a blob becomes visible only complete and only when
 * its SHA-256 matches the declared one (when one is declared). An interrupted or failed write leaves nothing visible
 * under the key (a previous blob under the same key stays as it was).
 * <p>
 * Errors: {@link BlobNotFoundException} for a missing key, {@link IllegalArgumentException} for bad input (bad key,
 * hash mismatch, negative range), {@link dev.observatory.store.StoreException} for infrastructure failure, with a
 * message naming the setting to fix when it is a configuration problem (unknown bucket, bad credentials).
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Streams {@code content} to {@code key}, replacing any blob there. {@code declaredSize} is the length when known
     * (-1 when not; S3 then uses a multipart upload), {@code expectedSha256} the lowercase hex digest the content must
     * have (null: not checked). Reads {@code content} to its end; does not close it.
     */
    BlobInfo put(String key, InputStream content, long declaredSize, String expectedSha256, String contentType);

    /** The whole blob as a stream the caller closes. BlobNotFoundException when absent. */
    InputStream open(String key);

    /**
     * {@code length} bytes from {@code offset} (fewer at the end of the blob; empty past it). BlobNotFoundException
     * when absent; IllegalArgumentException for a negative offset or length.
     */
    InputStream openRange(String key, long offset, long length);

    /** Size, hash (when known), content type and modification time; empty when absent. */
    Optional<BlobInfo> stat(String key);

    default boolean exists(String key) {
        return stat(key).isPresent();
    }

    /**
     * Keys under {@code prefix} (a key prefix, "" for all) in lexicographic key order, at most {@code limit} (1-10,000)
     * per page, starting after {@code cursor} (null for the first page; the page's {@code nextCursor} is null on the
     * last page). With {@code delimiter} "/" the page also lists the common prefixes ("folders") one level below
     * {@code prefix} instead of their contents.
     */
    BlobListing list(String prefix, String delimiter, String cursor, int limit);

    /** Deletes the blob; true when it existed. */
    boolean delete(String key);

    /**
     * A time-limited GET link for one blob: a presigned URL on S3; on the filesystem a server link
     * ({@code <publicBase>/api/v1/blobs/signed?...}) carrying an HMAC of (key, expiry) that {@link #verifyLink} checks.
     * The link grants reading that one key until it expires and nothing else. BlobNotFoundException when absent.
     */
    SignedLink link(String key, Duration validFor);

    /**
     * Checks a filesystem link's token: the key it grants when the signature is valid and not expired. Empty for an
     * invalid, tampered or expired token. S3 links are checked by S3 itself: the S3 store returns empty.
     */
    Optional<String> verifyLink(String key, long expiresEpochSeconds, String signature);

    /** "filesystem" or "s3". */
    String kind();

    /** Human-readable location for messages and /health: the root directory or s3://bucket/prefix. */
    String location();

    @Override
    void close();
}
