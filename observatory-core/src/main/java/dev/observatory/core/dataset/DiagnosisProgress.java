package dev.observatory.core.dataset;

/**
 * Progress of a long dataset scan: called from worker threads (at most about every 1% of the files and at the end), so
 * implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface DiagnosisProgress {
    DiagnosisProgress NONE = (done, total, message) -> {
    };

    void update(long done, long total, String message);
}
