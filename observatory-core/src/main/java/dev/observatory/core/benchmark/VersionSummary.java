package dev.observatory.core.benchmark;

import dev.observatory.model.benchmark.Benchmark;
import java.util.List;

/**
 * The latest completed benchmark of one model version and how it compares with the previous version's.
 *
 * @param comparedTo
 *            the previous version, null for the first one
 * @param regression
 *            whether {@link BenchmarkSummaries#RULE} flags it
 * @param reasons
 *            what regressed, e.g. "concurrency 8: p95 latency 12.0 ms -> 15.1 ms (+26%)"
 */
public record VersionSummary(String model, String version, Benchmark latest, String comparedTo, boolean regression,
        List<String> reasons) {

    public VersionSummary {
        reasons = List.copyOf(reasons);
    }
}
