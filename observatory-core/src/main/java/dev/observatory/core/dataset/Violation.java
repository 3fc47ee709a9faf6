package dev.observatory.core.dataset;

/**
 * One way a training config breaks its template's JSON Schema (or cannot be parsed).
 *
 * @param path
 *            JSON path of the offending value, e.g. {@code $.training.learning_rate} ({@code $} for the whole document)
 * @param message
 *            what is wrong and what is expected, e.g. {@code must have an exclusive minimum value of 0}
 * @param keyword
 *            the schema keyword that failed ({@code minimum}, {@code required}, ...) or {@code parse}
 */
public record Violation(String path, String message, String keyword) {

    /** {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
