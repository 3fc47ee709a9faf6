package dev.observatory.store.memory;

import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkQuery;
import dev.observatory.store.BenchmarkStore;
import dev.observatory.store.ConflictException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Benchmarks in a map under one lock. */
final class MemoryBenchmarks implements BenchmarkStore {
    static final Comparator<Benchmark> NEWEST_FIRST = Comparator.comparing(Benchmark::startedAt)
            .thenComparing(Benchmark::id).reversed();

    private final Map<String, Benchmark> byId = new LinkedHashMap<>();

    @Override
    public synchronized void save(Benchmark b) {
        if (byId.containsKey(b.id())) {
            throw new ConflictException("benchmark " + b.id() + " exists");
        }
        byId.put(b.id(), new Benchmark(b.id(), b.model(), b.version(), b.endpoint(), b.deploymentId(), b.createdBy(),
                millis(b.startedAt()), millis(b.finishedAt()), b.status(), b.error(), b.settings(), b.levels()));
    }

    private static Instant millis(Instant t) {
        return Instant.ofEpochMilli(t.toEpochMilli());
    }

    @Override
    public synchronized Optional<Benchmark> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Benchmark> list(BenchmarkQuery q) {
        return matching(q).sorted(NEWEST_FIRST).skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized long count(BenchmarkQuery q) {
        return matching(q).count();
    }

    private Stream<Benchmark> matching(BenchmarkQuery q) {
        return byId.values().stream().filter(b -> q.model() == null || b.model().equals(q.model()))
                .filter(b -> q.version() == null || b.version().equals(q.version()));
    }
}
