package dev.observatory.store.blob;

import dev.observatory.store.NotFoundException;

/** No blob under the key. */
public final class BlobNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    public BlobNotFoundException(String key) {
        super("no blob at '" + key + "'");
    }
}
