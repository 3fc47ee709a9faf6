package dev.observatory.core;

/** A pagination cursor that is malformed, belongs to another query, or expired. 400 / isError. */
public class InvalidCursorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCursorException(String why) {
        super("invalid or expired cursor (" + why
                + "): repeat the request without a cursor to start from the beginning");
    }
}
