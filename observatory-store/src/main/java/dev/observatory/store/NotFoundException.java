package dev.observatory.store;

/** An entity that a caller named does not exist. Surfaces map it to 404 / isError. */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
