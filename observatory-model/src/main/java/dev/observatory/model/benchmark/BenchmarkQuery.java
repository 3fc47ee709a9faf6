package dev.observatory.model.benchmark;

/**
 * Which benchmarks to list, newest first (start time, then id).
 *
 * @param model
 *            null for every model
 * @param version
 *            null for every version (only with a model)
 */
public record BenchmarkQuery(String model, String version, int limit, int offset) {

    public BenchmarkQuery {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be >= 1 and offset >= 0");
        }
    }

    public static BenchmarkQuery all(int limit) {
        return new BenchmarkQuery(null, null, limit, 0);
    }
}
