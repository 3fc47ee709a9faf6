package dev.observatory.store.blob;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * Blobs as objects in an S3 bucket (AWS or any S3-compatible server) under an optional key prefix, through the AWS SDK
 * for Java v2 with its URLConnection HTTP client. Uploads stream through one bounded part buffer
 * ({@link S3Uploads#PART_SIZE}): a single PutObject when the content fits in it, else a multipart upload that is
 * aborted on any failure, so a failed or mismatching upload is never visible. The SHA-256 is computed while streaming
 * and kept as the object's {@code x-amz-meta-sha256}. Download links are presigned GET URLs.
 * <p>
 * Only {@link BlobStores} reaches this class, and only for {@code blob_store=s3}: the SDK is not loaded otherwise.
 */
public final class S3BlobStore implements BlobStore {
    static final String SHA_METADATA = "sha256";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String base;
    private final S3Errors errors;
    private final S3Uploads uploads;

    private S3BlobStore(BlobSettings settings, S3Client s3, S3Presigner presigner) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = settings.bucket();
        String p = settings.prefix().replaceAll("^/+|/+$", "");
        this.base = p.isEmpty() ? "" : p + "/";
        this.errors = new S3Errors(settings);
        this.uploads = new S3Uploads(s3, bucket, errors);
    }

    /** Opens the store and checks the bucket (StoreException naming the setting to fix when that fails). */
    public static BlobStore open(BlobSettings settings) {
        S3Clients clients = S3Clients.build(settings);
        S3BlobStore store = new S3BlobStore(settings, clients.s3(), clients.presigner());
        try {
            store.checkBucket();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void checkBucket() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (SdkException e) {
            throw errors.onBucket(e);
        }
    }

    private String object(String key) {
        return base + BlobKeys.check(key);
    }

    @Override
    public BlobInfo put(String key, InputStream content, long declaredSize, String expectedSha256, String contentType) {
        String object = object(key);
        String expected = HashingCopy.checkDeclared(expectedSha256);
        String type = HashingCopy.contentType(contentType);
        S3Uploads.Result r = uploads.put(key, object, content, declaredSize, expected, type);
        return new BlobInfo(key, r.size(), r.sha256(), type, stat(key).map(BlobInfo::modified).orElse(Instant.now()));
    }

    @Override
    public InputStream open(String key) {
        String object = object(key);
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(object).build());
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (SdkException e) {
            throw errors.on("read", key, e);
        }
    }

    @Override
    public InputStream openRange(String key, long offset, long length) {
        String object = object(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset and length must be >= 0, got " + offset + "/" + length);
        }
        if (length == 0) {
            return emptyIfExists(key);
        }
        long end = length > Long.MAX_VALUE - offset ? Long.MAX_VALUE - 1 : offset + length - 1;
        try {
            return s3.getObject(
                    GetObjectRequest.builder().bucket(bucket).key(object).range("bytes=" + offset + "-" + end).build());
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return emptyIfExists(key);
            }
            throw errors.on("read", key, e);
        } catch (SdkException e) {
            throw errors.on("read", key, e);
        }
    }

    private InputStream emptyIfExists(String key) {
        if (!exists(key)) {
            throw new BlobNotFoundException(key);
        }
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        String object = object(key);
        try {
            HeadObjectResponse h = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(object).build());
            String sha = h.metadata().get(SHA_METADATA);
            return Optional.of(new BlobInfo(key, h.contentLength(), sha == null || sha.isEmpty() ? null : sha,
                    HashingCopy.contentType(h.contentType()), h.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(S3Errors.code(e))) {
                return Optional.empty();
            }
            throw errors.on("stat", key, e);
        } catch (SdkException e) {
            throw errors.on("stat", key, e);
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * On S3 the entries of a listing carry key, size and time only (sha256 null, content type unknown): use
     * {@link #stat} for the rest. A page may hold fewer than {@code limit} entries (S3 returns at most 1,000).
     */
    @Override
    public BlobListing list(String prefix, String delimiter, String cursor, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, got " + limit);
        }
        String p = BlobKeys.checkPrefix(prefix);
        ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(base + p)
                .maxKeys(Math.min(limit, 1000));
        if (delimiter != null && !delimiter.isEmpty()) {
            req.delimiter(delimiter);
        }
        if (cursor != null && !cursor.isEmpty()) {
            req.continuationToken(cursor);
        }
        try {
            ListObjectsV2Response r = s3.listObjectsV2(req.build());
            List<BlobInfo> blobs = new ArrayList<>(r.contents().size());
            for (S3Object o : r.contents()) {
                blobs.add(new BlobInfo(o.key().substring(base.length()), o.size(), null, HashingCopy.contentType(null),
                        o.lastModified()));
            }
            List<String> prefixes = r.commonPrefixes().stream().map(CommonPrefix::prefix)
                    .map(s -> s.substring(base.length())).toList();
            boolean more = Boolean.TRUE.equals(r.isTruncated()) && r.nextContinuationToken() != null;
            return new BlobListing(blobs, prefixes, more ? r.nextContinuationToken() : null);
        } catch (SdkException e) {
            throw errors.on("list", p, e);
        }
    }

    @Override
    public boolean delete(String key) {
        String object = object(key);
        boolean existed = exists(key);
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(object).build());
        } catch (SdkException e) {
            throw errors.on("delete", key, e);
        }
        return existed;
    }

    @Override
    public SignedLink link(String key, Duration validFor) {
        String object = object(key);
        if (validFor == null || validFor.isNegative() || validFor.isZero()
                || validFor.compareTo(FileBlobStore.MAX_LINK_VALIDITY) > 0) {
            throw new IllegalArgumentException("link validity must be between 1 second and 7 days, got " + validFor);
        }
        if (!exists(key)) {
            throw new BlobNotFoundException(key);
        }
        try {
            var signed = presigner.presignGetObject(GetObjectPresignRequest.builder().signatureDuration(validFor)
                    .getObjectRequest(GetObjectRequest.builder().bucket(bucket).key(object).build()).build());
            return new SignedLink(signed.url().toURI(), signed.expiration());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("presigned URL is not a URI", e);
        } catch (SdkException e) {
            throw errors.on("presign", key, e);
        }
    }

    @Override
    public Optional<String> verifyLink(String key, long expiresEpochSeconds, String signature) {
        return Optional.empty();
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + base;
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
