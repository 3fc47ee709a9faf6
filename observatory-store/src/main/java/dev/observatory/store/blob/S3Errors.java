package dev.observatory.store.blob;

import dev.observatory.store.StoreException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK failures into StoreExceptions whose message names the setting to fix. */
final class S3Errors {
    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "InvalidToken", "ExpiredToken", "InvalidSecurity");

    private final String bucket;
    private final String where;

    S3Errors(BlobSettings s) {
        this.bucket = s.bucket();
        this.where = s.endpoint().isEmpty() ? "AWS S3" : s.endpoint();
    }

    static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** A failure of HeadBucket: a 404 there is a missing bucket even without an error body. */
    StoreException onBucket(SdkException e) {
        if (e instanceof S3Exception s && s.statusCode() == 404) {
            return missingBucket(e);
        }
        return on("check of bucket", bucket, e);
    }

    StoreException on(String op, String key, SdkException e) {
        if (e instanceof S3Exception s) {
            String code = code(s);
            if ("NoSuchBucket".equals(code)) {
                return missingBucket(e);
            }
            if (s.statusCode() == 403 || CREDENTIAL_CODES.contains(code)) {
                return new StoreException("S3 at " + where + " refused the credentials for bucket '" + bucket + "' ("
                        + code + ", HTTP " + s.statusCode() + "): check s3_access_key_id and s3_secret_access_key"
                        + " (OBSERVATORY_S3_ACCESS_KEY_ID / OBSERVATORY_S3_SECRET_ACCESS_KEY) or the AWS credential"
                        + " chain, and the bucket's permissions", e);
            }
            if (s.statusCode() == 301 || "AuthorizationHeaderMalformed".equals(code)
                    || "PermanentRedirect".equals(code)) {
                return new StoreException("bucket '" + bucket + "' is in another region (" + code
                        + "): check s3_region (OBSERVATORY_S3_REGION)", e);
            }
            return new StoreException("S3 " + op + " of '" + key + "' failed at " + where + ": " + code + " (HTTP "
                    + s.statusCode() + ")", e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
            return new StoreException("no AWS credentials found for the S3 blob store: set s3_access_key_id and"
                    + " s3_secret_access_key, or configure the default AWS credential chain", e);
        }
        return new StoreException("S3 " + op + " of '" + key + "' failed: cannot reach " + where
                + " (check s3_endpoint / OBSERVATORY_S3_ENDPOINT): " + e.getMessage(), e);
    }

    private StoreException missingBucket(SdkException e) {
        return new StoreException("S3 bucket '" + bucket + "' does not exist at " + where
                + ": set s3_bucket (OBSERVATORY_S3_BUCKET) to an existing bucket", e);
    }
}
