package dev.observatory.store;

import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkQuery;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark results: stored once when a benchmark finishes, never updated. Times are kept at millisecond precision.
 */
public interface BenchmarkStore {

    /** Stores a finished benchmark; ConflictException when its id exists. */
    void save(Benchmark benchmark);

    Optional<Benchmark> get(String id);

    /** Newest first (start time descending, then id descending), filtered by model and version. */
    List<Benchmark> list(BenchmarkQuery query);

    long count(BenchmarkQuery query);
}
