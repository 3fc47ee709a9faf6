package dev.observatory.store.blob;

import java.util.List;

/**
 * One page of a listing: blobs in key order and, with a delimiter, the common prefixes ("folders", ending in the
 * delimiter). {@code nextCursor} is null on the last page.
 */
public record BlobListing(List<BlobInfo> blobs, List<String> prefixes, String nextCursor) {

    public BlobListing {
        blobs = List.copyOf(blobs);
        prefixes = List.copyOf(prefixes);
    }
}
