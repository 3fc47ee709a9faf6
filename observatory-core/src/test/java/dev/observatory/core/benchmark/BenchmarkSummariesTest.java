package dev.observatory.core.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkSummariesTest {

    static Benchmark bench(String id, String model, String version, long second, double p95, double rps, long errors) {
        BenchmarkLevel l = new BenchmarkLevel(8, 1000, errors, 10, rps, p95 / 2, p95, p95 * 1.5, p95 * 2, p95 / 2, null,
                null, null);
        return new Benchmark(id, model, version, "http://127.0.0.1:1/", null, "ada", Instant.ofEpochSecond(second),
                Instant.ofEpochSecond(second + 10), Benchmark.COMPLETED, null, Map.of(), List.of(l));
    }

    @Test
    void takesTheLatestBenchmarkPerVersionAndFlagsARegressionAgainstThePreviousVersion() {
        List<Benchmark> newestFirst = List.of(bench("e", "llama", "10", 50, 20, 90, 30),
                bench("d", "llama", "2", 40, 10.5, 99, 0), bench("c", "llama", "2", 30, 50, 10, 0),
                bench("b", "llama", "1", 20, 10, 100, 0), bench("a", "whisper", "1", 10, 1, 1, 0));

        List<VersionSummary> s = BenchmarkSummaries.summarize(newestFirst);

        assertThat(s)
                .extracting(VersionSummary::model, VersionSummary::version, v -> v.latest().id(),
                        VersionSummary::comparedTo, VersionSummary::regression)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("llama", "1", "b", null, false),
                        org.assertj.core.groups.Tuple.tuple("llama", "2", "d", "1", false),
                        org.assertj.core.groups.Tuple.tuple("llama", "10", "e", "2", true),
                        org.assertj.core.groups.Tuple.tuple("whisper", "1", "a", null, false));
        assertThat(s.get(2).reasons()).containsExactly("concurrency 8: p95 latency 10.50 ms -> 20.00 ms (+90%)",
                "concurrency 8: error rate 0.00% -> 3.00%");
    }

    @Test
    void failedBenchmarksAndLevelsTheOtherVersionDidNotRunAreNotCompared() {
        Benchmark failed = new Benchmark("f", "m", "2", "u", null, "a", Instant.ofEpochSecond(9),
                Instant.ofEpochSecond(9), Benchmark.FAILED, "refused", Map.of(), List.of());
        BenchmarkLevel other = new BenchmarkLevel(64, 10, 0, 1, 1, 999, 999, 999, 999, 999, null, null, null);
        Benchmark v3 = new Benchmark("g", "m", "3", "u", null, "a", Instant.ofEpochSecond(8), Instant.ofEpochSecond(9),
                Benchmark.COMPLETED, null, Map.of(), List.of(other));
        List<VersionSummary> s = BenchmarkSummaries.summarize(List.of(failed, v3, bench("b", "m", "1", 1, 1, 1, 0)));
        assertThat(s).extracting(VersionSummary::version).containsExactly("1", "3");
        assertThat(s.get(1).regression()).isFalse();
    }
}
