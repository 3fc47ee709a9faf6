package dev.observatory.store;

/** Infrastructure failure of a backend (I/O, SQL error). Surfaces map it to 500 / JSON-RPC error, logged once. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
