package dev.observatory.store.blob;

import java.time.Instant;

/**
 * What a blob store knows of one blob.
 *
 * @param sha256
 *            lowercase hex SHA-256; null when the store does not know it (an object written by another tool)
 * @param contentType
 *            MIME type; "application/octet-stream" when unknown
 */
public record BlobInfo(String key, long size, String sha256, String contentType, Instant modified) {
}
