package dev.observatory.core.benchmark;

/** Receives progress while a benchmark runs (about twice a second); must return quickly. */
@FunctionalInterface
public interface BenchmarkProgress {
    BenchmarkProgress NONE = (done, total, message) -> {
    };

    /**
     * @param done
     *            work done so far (same unit as total)
     * @param total
     *            total work (levels x requests, or levels x duration in milliseconds)
     * @param message
     *            e.g. "concurrency 8: 1234 requests, 0 errors"
     */
    void report(double done, double total, String message);
}
