package dev.observatory.model.benchmark;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored benchmark run against a serving endpoint, with the model version it measured. Stored once, never changed.
 *
 * @param id
 *            unique id
 * @param version
 *            version number or alias of the model as given when the benchmark ran
 * @param endpoint
 *            the URL the requests went to
 * @param deploymentId
 *            the deployment benchmarked, null for a plain endpoint
 * @param status
 *            "completed", or "failed" when no request could be sent (see error)
 * @param settings
 *            how it ran: path, method, payload count, duration or request count, timeout
 * @param levels
 *            one result per concurrency level, in the order they ran
 */
public record Benchmark(String id, String model, String version, String endpoint, String deploymentId, String createdBy,
        Instant startedAt, Instant finishedAt, String status, String error, Map<String, String> settings,
        List<BenchmarkLevel> levels) {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public Benchmark {
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        levels = List.copyOf(levels);
    }

    /** Total requests over every level. */
    public long requests() {
        return levels.stream().mapToLong(BenchmarkLevel::requests).sum();
    }

    /** The level with the highest throughput, or null without levels. */
    public BenchmarkLevel best() {
        return levels.stream().max(java.util.Comparator.comparingDouble(BenchmarkLevel::throughputRps)).orElse(null);
    }
}
