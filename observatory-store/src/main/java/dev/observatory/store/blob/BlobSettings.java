package dev.observatory.store.blob;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How to open the blob store: {@code kind} "filesystem" (files under {@code root}) or "s3" (objects in {@code bucket}
 * under {@code prefix}). Empty strings mean "not set": {@code endpoint} empty is AWS itself, {@code region} empty is
 * us-east-1 (or the AWS chain's region), empty keys use the default AWS credential chain. {@link #toString()} never
 * shows the secret key.
 *
 * @param pathStyle
 *            address the bucket as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key} (MinIO, S3Proxy
 *            and most S3-compatible servers need it)
 */
public record BlobSettings(String kind, Path root, String bucket, String prefix, String endpoint, String region,
        boolean pathStyle, String accessKeyId, String secretAccessKey) {

    public BlobSettings {
        kind = kind == null || kind.isBlank() ? "filesystem" : kind.trim().toLowerCase(Locale.ROOT);
        bucket = trim(bucket);
        prefix = trim(prefix);
        endpoint = trim(endpoint);
        region = trim(region);
        accessKeyId = trim(accessKeyId);
        secretAccessKey = secretAccessKey == null ? "" : secretAccessKey;
        if (!kind.equals("filesystem") && !kind.equals("s3")) {
            throw new IllegalArgumentException("blob_store must be filesystem or s3, got '" + kind + "'");
        }
        if (kind.equals("filesystem") && root == null) {
            throw new IllegalArgumentException("blob_store=filesystem needs a root directory (data_dir)");
        }
        if (kind.equals("s3") && bucket.isEmpty()) {
            throw new IllegalArgumentException("blob_store=s3 needs s3_bucket (OBSERVATORY_S3_BUCKET)");
        }
        if (accessKeyId.isEmpty() != secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("set both s3_access_key_id and s3_secret_access_key, or neither"
                    + " (then the default AWS credential chain is used)");
        }
    }

    /** The filesystem store under {@code root}. */
    public static BlobSettings filesystem(Path root) {
        return new BlobSettings("filesystem", root, "", "", "", "", false, "", "");
    }

    /** An S3 store with explicit credentials (empty strings: the default AWS chain). */
    public static BlobSettings s3(String bucket, String prefix, String endpoint, String region, boolean pathStyle,
            String accessKeyId, String secretAccessKey) {
        return new BlobSettings("s3", null, bucket, prefix, endpoint, region, pathStyle, accessKeyId, secretAccessKey);
    }

    @Override
    public String toString() {
        return "BlobSettings[kind=" + kind
                + (kind.equals("filesystem") ? ", root=" + root
                        : ", bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region
                                + ", pathStyle=" + pathStyle + ", accessKeyId=" + accessKeyId + ", secretAccessKey="
                                + (secretAccessKey.isEmpty() ? "" : "***"))
                + "]";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
