package dev.observatory.core;

/** A write was attempted while the server runs in read-only mode. Surfaces map it to 403 / isError. */
public class ReadOnlyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String action) {
        super("Observatory runs in read-only mode: " + action
                + " is refused. Restart without --read-only (OBSERVATORY_READ_ONLY=false) to allow writes.");
    }

    /** A refused write whose message is given whole (e.g. a gate other than read-only mode). */
    protected ReadOnlyException(String message, boolean wholeMessage) {
        super(message);
    }
}
