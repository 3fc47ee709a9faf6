package dev.observatory.core.benchmark;

import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** get_benchmark_summary: the latest completed benchmark per model version, each compared with the previous version. */
public final class BenchmarkSummaries {
    /** Relative change of p95 latency or throughput that counts as a regression. */
    public static final double RELATIVE = 0.10;
    /** Absolute rise of the error rate that counts as a regression. */
    public static final double ERROR_RATE = 0.01;
    /** The rule, as the tools state it. */
    public static final String RULE = "a version regresses against the previous version (numeric versions in order,"
            + " others by benchmark time) when, at a concurrency level both latest benchmarks ran, p95 latency rose by"
            + " more than 10%, throughput fell by more than 10%, or the error rate rose by more than 1 percentage"
            + " point";

    private BenchmarkSummaries() {
    }

    /** Summaries per model, versions in order; {@code newestFirst} as the store lists them. */
    static List<VersionSummary> summarize(List<Benchmark> newestFirst) {
        Map<String, Map<String, Benchmark>> latest = new LinkedHashMap<>();
        for (Benchmark b : newestFirst) {
            if (Benchmark.COMPLETED.equals(b.status()) && !b.levels().isEmpty()) {
                latest.computeIfAbsent(b.model(), k -> new LinkedHashMap<>()).putIfAbsent(b.version(), b);
            }
        }
        List<VersionSummary> out = new ArrayList<>();
        latest.keySet().stream().sorted().forEach(model -> {
            List<Benchmark> versions = new ArrayList<>(latest.get(model).values());
            boolean numeric = versions.stream().allMatch(b -> b.version().matches("\\d{1,9}"));
            versions.sort(numeric ? Comparator.comparingInt(b -> Integer.parseInt(b.version()))
                    : Comparator.comparing(Benchmark::startedAt));
            Benchmark previous = null;
            for (Benchmark b : versions) {
                List<String> reasons = previous == null ? List.of() : compare(previous, b);
                out.add(new VersionSummary(model, b.version(), b, previous == null ? null : previous.version(),
                        !reasons.isEmpty(), reasons));
                previous = b;
            }
        });
        return out;
    }

    static List<String> compare(Benchmark before, Benchmark after) {
        List<String> reasons = new ArrayList<>();
        for (BenchmarkLevel a : after.levels()) {
            BenchmarkLevel b = before.levels().stream().filter(l -> l.concurrency() == a.concurrency()).findFirst()
                    .orElse(null);
            if (b == null) {
                continue;
            }
            String at = "concurrency " + a.concurrency() + ": ";
            if (b.p95Ms() > 0 && a.p95Ms() > b.p95Ms() * (1 + RELATIVE)) {
                reasons.add(at + String.format(Locale.ROOT, "p95 latency %.2f ms -> %.2f ms (%+.0f%%)", b.p95Ms(),
                        a.p95Ms(), 100 * (a.p95Ms() / b.p95Ms() - 1)));
            }
            if (b.throughputRps() > 0 && a.throughputRps() < b.throughputRps() * (1 - RELATIVE)) {
                reasons.add(at + String.format(Locale.ROOT, "throughput %.1f -> %.1f req/s (%+.0f%%)",
                        b.throughputRps(), a.throughputRps(), 100 * (a.throughputRps() / b.throughputRps() - 1)));
            }
            if (a.errorRate() > b.errorRate() + ERROR_RATE) {
                reasons.add(at + String.format(Locale.ROOT, "error rate %.2f%% -> %.2f%%", 100 * b.errorRate(),
                        100 * a.errorRate()));
            }
        }
        return reasons;
    }
}
