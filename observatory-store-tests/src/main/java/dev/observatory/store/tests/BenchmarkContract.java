package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import dev.observatory.model.benchmark.BenchmarkQuery;
import dev.observatory.store.BenchmarkStore;
import dev.observatory.store.ConflictException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Benchmark results: stored whole (levels in order), read back equal, listed newest first by model and version. */
abstract class BenchmarkContract extends StorageFixture {
    BenchmarkStore benchmarks;

    @BeforeEach
    void benchmarks() {
        benchmarks = storage.benchmarks();
    }

    static BenchmarkLevel level(int concurrency, long requests, Long tokens) {
        double duration = 2.0;
        return new BenchmarkLevel(concurrency, requests, 3, duration, requests / duration, 1.5, 4.25, 9.0, 12.5, 2.0,
                tokens, tokens == null ? null : tokens / duration, tokens == null ? "HTTP 500" : null);
    }

    Benchmark benchmark(String id, String model, String version, long second) {
        return new Benchmark(id, model, version, "http://127.0.0.1:8000/v1/completions", null, "ada", at(second),
                at(second + 5), Benchmark.COMPLETED, null, Map.of("path", "/v1/completions", "payloads", "3"),
                List.of(level(1, 100, 1600L), level(8, 400, null)));
    }

    @Test
    void storesABenchmarkWithItsLevelsAndReadsItBackEqual() {
        Benchmark b = benchmark("b1", "llama", "2", 10);
        benchmarks.save(b);
        assertThat(benchmarks.get("b1")).contains(b);
        assertThat(benchmarks.get("b1").orElseThrow().levels().get(0).tokensPerSecond()).isEqualTo(800.0);
        assertThat(benchmarks.get("b1").orElseThrow().levels().get(1).completionTokens()).isNull();
        assertThat(benchmarks.get("nope")).isEmpty();
        assertThatThrownBy(() -> benchmarks.save(b)).isInstanceOf(ConflictException.class);
    }

    @Test
    void listsNewestFirstFilteredByModelAndVersionWithCounts() {
        benchmarks.save(benchmark("a", "llama", "1", 10));
        benchmarks.save(benchmark("b", "llama", "2", 20));
        benchmarks.save(benchmark("c", "whisper", "1", 30));
        Benchmark failed = new Benchmark("d", "llama", "2", "http://127.0.0.1:1/", "dep-1", "bob", at(40), at(40),
                Benchmark.FAILED, "connection refused", Map.of(), List.of());
        benchmarks.save(failed);

        assertThat(benchmarks.list(BenchmarkQuery.all(10))).extracting(Benchmark::id).containsExactly("d", "c", "b",
                "a");
        assertThat(benchmarks.list(new BenchmarkQuery("llama", null, 10, 0))).extracting(Benchmark::id)
                .containsExactly("d", "b", "a");
        assertThat(benchmarks.list(new BenchmarkQuery("llama", "2", 1, 1))).extracting(Benchmark::id)
                .containsExactly("b");
        assertThat(benchmarks.count(new BenchmarkQuery("llama", "2", 1, 0))).isEqualTo(2);
        assertThat(benchmarks.count(BenchmarkQuery.all(1))).isEqualTo(4);
        assertThat(benchmarks.get("d")).contains(failed);
        assertThat(benchmarks.list(BenchmarkQuery.all(10)).get(2).levels()).hasSize(2);
    }
}
