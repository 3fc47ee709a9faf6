package dev.observatory.store.blob;

import dev.observatory.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Streaming uploads of the S3 store through one part buffer of {@link #PART_SIZE} bytes: content that fits in it goes
 * up as one PutObject after its hash was checked; longer content as a multipart upload whose hash is checked before
 * CompleteMultipartUpload, and which is aborted on any failure (mismatch included), so nothing half-written or wrong
 * ever becomes visible.
 */
final class S3Uploads {
    /** Part buffer size (and the single-PutObject threshold): 8 MiB, above S3's 5 MiB minimum part. */
    static final int PART_SIZE = 8 << 20;
    /** Largest object CopyObject can rewrite to add the hash after an undeclared multipart upload. */
    private static final long COPY_LIMIT = 5L << 30;

    record Result(long size, String sha256) {
    }

    private final S3Client s3;
    private final String bucket;
    private final S3Errors errors;

    S3Uploads(S3Client s3, String bucket, S3Errors errors) {
        this.s3 = s3;
        this.bucket = bucket;
        this.errors = errors;
    }

    Result put(String key, String object, InputStream in, long declaredSize, String expected, String type) {
        MessageDigest digest = HashingCopy.sha256();
        byte[] buf = new byte[(int) Math.min(PART_SIZE, declaredSize >= 0 ? Math.max(declaredSize, 1) : PART_SIZE)];
        int n = fill(key, in, buf, digest, 0);
        if (n < buf.length || (buf.length < PART_SIZE && endOfStream(key, in))) {
            HashingCopy.checkSize(key, declaredSize, n);
            String sha = HashingCopy.hex(digest);
            HashingCopy.checkMatch(key, expected, sha, n);
            try {
                s3.putObject(PutObjectRequest.builder().bucket(bucket).key(object).contentType(type)
                        .contentLength((long) n).metadata(Map.of(S3BlobStore.SHA_METADATA, sha)).build(), body(buf, n));
            } catch (SdkException e) {
                throw errors.on("upload", key, e);
            }
            return new Result(n, sha);
        }
        if (buf.length < PART_SIZE) {
            buf = java.util.Arrays.copyOf(buf, PART_SIZE);
        }
        return multipart(key, object, in, buf, n, digest, declaredSize, expected, type);
    }

    private Result multipart(String key, String object, InputStream in, byte[] buf, int first, MessageDigest digest,
            long declaredSize, String expected, String type) {
        Map<String, String> meta = new HashMap<>();
        if (expected != null) {
            meta.put(S3BlobStore.SHA_METADATA, expected);
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(object)
                    .contentType(type).metadata(meta).build()).uploadId();
        } catch (SdkException e) {
            throw errors.on("upload", key, e);
        }
        boolean done = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int n = first;
            while (n > 0) {
                int number = parts.size() + 1;
                String etag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(object).uploadId(uploadId)
                        .partNumber(number).contentLength((long) n).build(), body(buf, n)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += n;
                n = fill(key, in, buf, digest, total);
            }
            HashingCopy.checkSize(key, declaredSize, total);
            String sha = HashingCopy.hex(digest);
            HashingCopy.checkMatch(key, expected, sha, total);
            s3.completeMultipartUpload(
                    CompleteMultipartUploadRequest.builder().bucket(bucket).key(object).uploadId(uploadId)
                            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
            done = true;
            if (expected == null) {
                recordHash(key, object, type, sha, total);
            }
            return new Result(total, sha);
        } catch (SdkException e) {
            throw errors.on("upload", key, e);
        } finally {
            if (!done) {
                abort(object, uploadId);
            }
        }
    }

    /** Adds the hash computed during an undeclared multipart upload by rewriting the object's metadata in place. */
    private void recordHash(String key, String object, String type, String sha, long size) {
        if (size > COPY_LIMIT) {
            return;
        }
        s3.copyObject(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(object).destinationBucket(bucket)
                .destinationKey(object).metadataDirective(MetadataDirective.REPLACE).contentType(type)
                .metadata(Map.of(S3BlobStore.SHA_METADATA, sha)).build());
    }

    private void abort(String object, String uploadId) {
        try {
            s3.abortMultipartUpload(
                    AbortMultipartUploadRequest.builder().bucket(bucket).key(object).uploadId(uploadId).build());
        } catch (SdkException e) {
            // the original failure is what the caller needs; a bucket lifecycle rule cleans up the rest
        }
    }

    private static RequestBody body(byte[] buf, int n) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buf, 0, n), n,
                "application/octet-stream");
    }

    /** Reads until {@code buf} is full or the stream ends; returns the count. */
    private static int fill(String key, InputStream in, byte[] buf, MessageDigest digest, long before) {
        int n = 0;
        try {
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new StoreException("upload of '" + key + "' broke off after " + (before + n) + " bytes: " + e, e);
        }
        digest.update(buf, 0, n);
        return n;
    }

    private static boolean endOfStream(String key, InputStream in) {
        try {
            int b = in.read();
            if (b >= 0) {
                throw new IllegalArgumentException(
                        "size mismatch for '" + key + "': more bytes arrived than declared; nothing was stored");
            }
            return true;
        } catch (IOException e) {
            throw new StoreException("upload of '" + key + "' broke off: " + e, e);
        }
    }
}
