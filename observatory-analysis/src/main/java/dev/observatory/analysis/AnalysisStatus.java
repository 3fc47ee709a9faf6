package dev.observatory.analysis;

/**
 * Whether an analysis could say something. Results that are not {@link #OK} carry a message saying why, and their
 * numeric fields that could not be computed are {@code null} (never NaN).
 */
public enum AnalysisStatus {
    /** Computed. */
    OK,
    /** Too few finite points (the javadoc of each analysis says how many it needs). */
    INSUFFICIENT_DATA,
    /** Every finite value is the same, so the quantity is undefined (e.g. a correlation) or trivially zero. */
    CONSTANT_SERIES
}
