package dev.observatory.bench.blob;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bench fixture for the S3 listing bar of issue 4: S3Proxy's in-memory store with a key-ordered index in front of its
 * {@code list}, so that a ListObjectsV2 page costs O(page) from the marker, as on AWS S3 or MinIO, instead of S3Proxy
 * 4.1's O(objects under the prefix) per page (its stores read and sort every entry for each page). Everything else (the
 * HTTP server, SigV4, the XML, puts and gets) is S3Proxy's own. Objects must be written through this store (puts and
 * deletes keep the index); copies and multipart uploads are not indexed, which the bench does not use.
 */
final class KeyIndexedBlobStore extends ForwardingBlobStore {
    private final Map<String, NavigableMap<String, S3Object>> buckets = new ConcurrentHashMap<>();

    KeyIndexedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream in) {
        PutObjectResponse response = super.putBlob(request, in);
        long size = request.contentLength() == null ? 0L : request.contentLength();
        index(request.bucket()).put(request.key(), S3Object.builder().key(request.key()).size(size)
                .eTag(response.eTag()).lastModified(Instant.now()).storageClass("STANDARD").build());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        index(request.bucket()).remove(request.key());
        return response;
    }

    /** One page from the index: keys under the prefix after the marker, rolled up at the delimiter. */
    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        String prefix = request.prefix() == null ? "" : request.prefix();
        String marker = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
        int max = request.maxKeys() == null ? 1000 : Math.min(request.maxKeys(), 1000);
        NavigableMap<String, S3Object> keys = index(request.bucket());
        Map.Entry<String, S3Object> e = marker == null || marker.compareTo(prefix) < 0 ? keys.ceilingEntry(prefix)
                : keys.higherEntry(marker);
        List<S3Object> contents = new ArrayList<>();
        List<CommonPrefix> prefixes = new ArrayList<>();
        String delimiter = request.delimiter();
        String last = null;
        boolean truncated = false;
        for (; e != null && e.getKey().startsWith(prefix); e = keys.higherEntry(last)) {
            if (contents.size() + prefixes.size() == max) {
                truncated = true;
                break;
            }
            String key = e.getKey();
            int cut = delimiter == null || delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                String common = key.substring(0, cut + delimiter.length());
                prefixes.add(CommonPrefix.builder().prefix(common).build());
                last = common + Character.MAX_VALUE;
            } else {
                contents.add(e.getValue());
                last = key;
            }
        }
        return ListObjectsV2Response.builder().name(request.bucket()).prefix(prefix).delimiter(delimiter).maxKeys(max)
                .contents(contents).commonPrefixes(prefixes).keyCount(contents.size() + prefixes.size())
                .isTruncated(truncated).continuationToken(request.continuationToken())
                .nextContinuationToken(truncated ? last : null).startAfter(request.startAfter()).build();
    }

    private NavigableMap<String, S3Object> index(String bucket) {
        return buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>());
    }
}
