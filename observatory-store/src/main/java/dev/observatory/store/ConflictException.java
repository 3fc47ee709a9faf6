package dev.observatory.store;

/** A write would violate a uniqueness rule (duplicate project name, duplicate run name in a project). 409. */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
